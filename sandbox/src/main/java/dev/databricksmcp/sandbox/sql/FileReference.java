package dev.databricksmcp.sandbox.sql;

/**
 * A file a statement reads: {@code read_files('/Volumes/…', …)} or {@code csv.`/Volumes/…`}. The
 * translation names a temporary table in its place ({@link #table}); the statement's own DuckDB
 * connection holds that table, loaded from the sandbox's volume store (never a host path), and
 * drops it when the statement ends.
 *
 * @param path the path as written
 * @param header whether the first line names the columns
 * @param inferTypes whether column types are inferred, or every column is a STRING
 * @param delimiter the field separator
 * @param table the DuckDB name standing in for the file, already quoted
 */
public record FileReference(
    String path, boolean header, boolean inferTypes, char delimiter, String table) {}
