package dev.databricksmcp.sandbox.engine;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Walls DuckDB off from the host once the sandbox has set itself up: no file reads or writes
 * (read_*, glob, COPY, EXPORT, ATTACH of a file), no extension installed or loaded, no persistent
 * secrets, and the configuration locked so that no SET, RESET or PRAGMA can undo any of it. Setting
 * names and meanings are DuckDB's ("Securing DuckDB", configuration reference) and are read back
 * after locking. The one directory left open is where catalogs created later keep their database
 * files.
 */
public final class DuckDbLockdown {
  private DuckDbLockdown() {}

  /**
   * @param catalogDirectory where {@code ATTACH} may still create catalog files; null when the
   *     sandbox keeps everything in memory
   */
  public static void apply(DuckDbEngine engine, Path catalogDirectory) {
    String allowed =
        catalogDirectory == null
            ? "[]"
            : "['"
                + (catalogDirectory.toAbsolutePath().normalize() + File.separator)
                    .replace("'", "''")
                + "']";
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("allowed_directories", allowed);
    settings.put("autoinstall_known_extensions", "false");
    settings.put("autoload_known_extensions", "false");
    settings.put("allow_community_extensions", "false");
    settings.put("allow_persistent_secrets", "false");
    settings.put("enable_external_access", "false");
    settings.put("lock_configuration", "true");
    String[] statements =
        settings.entrySet().stream()
            .map(e -> "SET " + e.getKey() + " = " + e.getValue())
            .toArray(String[]::new);
    Sql.exec(engine, statements);
    requireLocked(engine);
  }

  /** Reads every wall back; refuses (throws) when one is down. */
  public static void requireLocked(DuckDbEngine engine) {
    requireSetting(engine, "enable_external_access", "false");
    requireSetting(engine, "lock_configuration", "true");
    requireSetting(engine, "autoinstall_known_extensions", "false");
    requireSetting(engine, "autoload_known_extensions", "false");
    requireSetting(engine, "allow_community_extensions", "false");
    requireSetting(engine, "allow_unsigned_extensions", "false");
    requireSetting(engine, "allow_persistent_secrets", "false");
  }

  private static void requireSetting(DuckDbEngine engine, String name, String expected) {
    Object value = Sql.query(engine, "SELECT current_setting(?) AS v", name).get(0).get("v");
    if (!expected.equals(String.valueOf(value))) {
      throw new IllegalStateException(
          "DuckDB setting "
              + name
              + " is "
              + value
              + ", not "
              + expected
              + ": the sandbox will not start without its walls");
    }
  }
}
