package dev.databricksmcp.server.security;

import dev.databricksmcp.server.core.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The key that signs confirmation tokens when several replicas serve one client (stateless HTTP
 * behind a load balancer): a token issued by one must be accepted by another. From
 * DATABRICKS_MCP_CONFIRMATION_KEY, or the first line of the file
 * DATABRICKS_MCP_CONFIRMATION_KEY_FILE names (a mounted secret); never from the command line, where
 * any local user could read it.
 */
public final class ConfirmationKey {
  static final String ENV = "DATABRICKS_MCP_CONFIRMATION_KEY";
  static final String FILE_ENV = "DATABRICKS_MCP_CONFIRMATION_KEY_FILE";
  static final int MIN_LENGTH = 32;

  private ConfirmationKey() {}

  /** The shared key, or null when none is configured (each process then makes its own). */
  public static byte[] fromEnvironment(Map<String, String> env) {
    String value = env.get(ENV);
    String source = ENV;
    if (value == null || value.isBlank()) {
      String file = env.get(FILE_ENV);
      if (file == null || file.isBlank()) {
        return null;
      }
      value = firstLine(Path.of(file));
      source = FILE_ENV + " (" + file + ")";
    }
    String key = value.strip();
    if (key.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          source
              + " must hold at least "
              + MIN_LENGTH
              + " characters (e.g. the output of: openssl rand -hex 32)");
    }
    Redactor.registerSecret(key);
    return key.getBytes(StandardCharsets.UTF_8);
  }

  private static String firstLine(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int nl = text.indexOf('\n');
      return nl < 0 ? text : text.substring(0, nl);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + FILE_ENV + " " + file + ": " + e.getMessage());
    }
  }
}
