package dev.databricksmcp.sandbox.sql;

import java.util.Set;

/**
 * Databricks SQL rewritten for DuckDB.
 *
 * @param sql the DuckDB statement
 * @param sleepSeconds total of the sandbox_sleep(…) calls: how long the statement stays RUNNING
 *     first
 * @param readTables three-part UC names read
 * @param writtenTables three-part UC names created or written
 * @param parameters the named parameter markers ({@code :name}), in the order of their {@code ?}
 * @param write the rows it writes, which decide the one-row result a write answers with
 * @param files the volume files it reads, each standing as a temporary table in {@link #sql}
 */
public record Translation(
    String sql,
    double sleepSeconds,
    Set<String> readTables,
    Set<String> writtenTables,
    java.util.List<String> parameters,
    WriteKind write,
    java.util.List<FileReference> files) {}
