package dev.databricksmcp.sandbox.commands;

import com.databricks.sdk.service.compute.Results;
import dev.databricksmcp.sandbox.sql.CallerStatement;
import dev.databricksmcp.sandbox.sql.QueryResult;
import dev.databricksmcp.sandbox.sql.SqlError;

/**
 * A SQL command: one statement, run as the caller through {@link CallerStatement}, the very path
 * the Statement Execution API takes (the caller's Unity Catalog grants, DuckDB locked down). Rows
 * come back as a table result; a statement Databricks would fail, as an error result.
 */
final class SqlCommands {
  private final CallerStatement sql;

  SqlCommands(CallerStatement sql) {
    this.sql = sql;
  }

  Results run(RunningCommand c) throws InterruptedException {
    try {
      QueryResult result =
          sql.run(
              new CallerStatement.Request(
                  c.caller, c.text, "main", "default", null, CommandResults.MAX_TABLE_ROWS + 1L),
              () -> c.done(),
              jdbc -> c.interrupt = jdbc,
              t -> {});
      return CommandResults.table(result);
    } catch (SqlError e) {
      return CommandResults.error(e.databricksMessage(), e.databricksMessage());
    }
  }
}
