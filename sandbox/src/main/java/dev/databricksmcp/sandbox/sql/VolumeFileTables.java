package dev.databricksmcp.sandbox.sql;

import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.files.VolumeAccess;
import dev.databricksmcp.sandbox.files.VolumeFiles;
import dev.databricksmcp.sandbox.files.VolumePath;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The files a statement reads, taken from the sandbox's volume store after the caller's READ VOLUME
 * check and parsed in Java ({@link CsvTable}), then loaded into temporary tables on the statement's
 * own DuckDB connection. DuckDB itself never opens a file: its external access stays off.
 *
 * <p>Errors as Databricks names them: a file that is not there is {@code PATH_NOT_FOUND} ("Path
 * does not exist", SQLSTATE 42K03, Spark's error condition); a missing privilege is {@code
 * INSUFFICIENT_PERMISSIONS}; a file over {@link #MAX_FILE_BYTES} is refused by the sandbox.
 */
final class VolumeFileTables {
  /** The largest file a statement reads: one volume file's cap. */
  static final long MAX_FILE_BYTES = VolumeFiles.MAX_FILE_BYTES;

  /** A file read and parsed, with the temporary table that stands for it. */
  record Loaded(FileReference reference, CsvTable table) {}

  private final VolumeAccess access;

  VolumeFileTables(VolumeAccess access) {
    this.access = access;
  }

  List<Loaded> load(Principal principal, List<FileReference> references) {
    List<Loaded> out = new ArrayList<>();
    for (FileReference f : references) {
      out.add(new Loaded(f, CsvTable.parse(read(principal, f), f)));
    }
    return out;
  }

  private byte[] read(Principal principal, FileReference f) {
    VolumePath p = VolumePath.of(f.path(), "path");
    byte[] bytes;
    try {
      bytes = access.read(principal, p);
    } catch (ApiException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        throw new SqlError("PATH_NOT_FOUND", "42K03", "Path does not exist: " + f.path() + ".");
      }
      throw new SqlError(
          "INSUFFICIENT_PERMISSIONS", "42501", "Insufficient privileges: " + e.getMessage());
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new SqlError(
          "UNSUPPORTED_FEATURE",
          "0A000",
          "The sandbox reads files of at most " + MAX_FILE_BYTES + " bytes in SQL: " + f.path());
    }
    return bytes;
  }

  /** Creates and fills each temporary table on this connection, private to it. */
  static void create(Connection c, List<Loaded> files) throws SQLException {
    for (Loaded f : files) {
      CsvTable t = f.table();
      List<String> columns = new ArrayList<>();
      for (int i = 0; i < t.names().size(); i++) {
        columns.add(DuckDbText.identifier(t.names().get(i)) + " " + duckDbType(t.types().get(i)));
      }
      if (columns.isEmpty()) {
        columns.add("\"_c0\" VARCHAR");
      }
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TEMP TABLE " + f.reference().table() + " (" + String.join(", ", columns) + ")");
      }
      if (t.names().isEmpty() || t.rows().isEmpty()) {
        continue;
      }
      String marks = String.join(", ", Collections.nCopies(t.names().size(), "?"));
      try (PreparedStatement insert =
          c.prepareStatement("INSERT INTO " + f.reference().table() + " VALUES (" + marks + ")")) {
        for (List<Object> row : t.rows()) {
          for (int i = 0; i < row.size(); i++) {
            insert.setObject(i + 1, row.get(i));
          }
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  private static String duckDbType(String databricksType) {
    return switch (databricksType) {
      case "INT" -> "INTEGER";
      case "STRING" -> "VARCHAR";
      default -> databricksType;
    };
  }
}
