package dev.databricksmcp.server.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The server's name and version, the version taken from the build. */
public final class ServerInfo {
  public static final String NAME = "databricks-mcp";
  private static final String VERSION = loadVersion();

  private ServerInfo() {}

  public static String version() {
    return VERSION;
  }

  private static String loadVersion() {
    try (InputStream in =
        ServerInfo.class.getResourceAsStream("/databricks-mcp-version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
