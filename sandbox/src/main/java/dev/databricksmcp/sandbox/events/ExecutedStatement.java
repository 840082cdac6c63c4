package dev.databricksmcp.sandbox.events;

import dev.databricksmcp.sandbox.auth.Principal;
import java.util.List;

/**
 * A statement the sandbox ran to an end state; feeds query history, system tables and lineage.
 *
 * @param status FINISHED, FAILED or CANCELED (query-history names)
 * @param readTables three-part names of the tables the statement read
 * @param writtenTables three-part names of the tables it created or wrote
 */
public record ExecutedStatement(
    String statementId,
    String warehouseId,
    Principal principal,
    String statementText,
    String status,
    long startTimeMillis,
    long endTimeMillis,
    long rowsProduced,
    String errorMessage,
    List<String> readTables,
    List<String> writtenTables) {}
