package dev.databricksmcp.server.cli;

import dev.databricksmcp.server.mcp.ServerInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {ServerInfo.NAME + " " + ServerInfo.version()};
  }
}
