package dev.databricksmcp.sandbox.sql;

import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementParameterListItem;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.auth.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Statements another area runs on a warehouse (a job's SQL task, a SQL notebook's cells): the same
 * {@link StatementRunner} as the Statement Execution API, so the same translation, privileges,
 * lockdown and query history; only the caller waits for the end instead of polling. They are kept
 * by id as the API's own are, so GET /api/2.0/sql/statements/{id} reads them.
 */
public final class TaskStatements {
  private final StatementRunner runner;
  private final Warehouses warehouses;

  public TaskStatements(StatementRunner runner, Warehouses warehouses) {
    this.runner = runner;
    this.warehouses = warehouses;
  }

  /** How a statement ended: its id, and its rows or its Databricks error message. */
  public record Outcome(
      String statementId, StatementState state, QueryResult result, String error) {
    public boolean succeeded() {
      return state == StatementState.SUCCEEDED;
    }
  }

  /** A statement started for another area. */
  public final class Handle {
    private final RunningStatement statement;

    private Handle(RunningStatement statement) {
      this.statement = statement;
    }

    public String statementId() {
      return statement.id;
    }

    /** Waits up to {@code millis} (0: no limit); null when it has not ended by then. */
    public Outcome await(long millis) throws InterruptedException {
      try {
        if (millis > 0) {
          statement.future.get(millis, TimeUnit.MILLISECONDS);
        } else {
          statement.future.get();
        }
      } catch (TimeoutException e) {
        return null;
      } catch (ExecutionException | CancellationException e) {
        // the statement's own state says what happened
      }
      return new Outcome(
          statement.id,
          statement.state,
          statement.result,
          statement.error == null ? null : statement.error.databricksMessage());
    }

    public void cancel() {
      runner.cancel(statement);
    }
  }

  /**
   * Starts one statement as {@code principal} on a warehouse, with named string parameters.
   *
   * @throws dev.databricksmcp.sandbox.http.ApiException when the warehouse does not exist
   */
  public Handle start(
      Principal principal,
      String warehouseId,
      String text,
      Map<String, String> parameters,
      String catalog,
      String schema) {
    warehouses.get(warehouseId);
    List<StatementParameterListItem> params = new ArrayList<>();
    parameters.forEach(
        (k, v) -> params.add(new StatementParameterListItem().setName(k).setValue(v)));
    ExecuteStatementRequest req =
        new ExecuteStatementRequest()
            .setWarehouseId(warehouseId)
            .setStatement(text)
            .setCatalog(catalog)
            .setSchema(schema)
            .setParameters(params);
    RunningStatement s =
        new RunningStatement(
            "01f" + UUID.randomUUID().toString().substring(3), warehouseId, principal, text);
    runner.submit(s, req);
    return new Handle(s);
  }

  /**
   * A statement started here, as GET /api/2.0/sql/statements/{id} answers it (status, manifest and
   * first chunk); empty when the sandbox no longer holds it (statements do not outlive a restart).
   * The caller checks who may read it.
   */
  public Optional<StatementResponse> response(String statementId) {
    return runner.find(statementId).map(StatementExecutionApi::response);
  }

  /**
   * The statements of a script, split at the semicolons Databricks' lexer sees (not those in
   * strings or comments); blank statements are left out.
   */
  public static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (SqlTokenizer.Token t : SqlTokenizer.tokenize(script)) {
      if (t.isSymbol(";")) {
        add(out, script.substring(from, t.start()));
        from = t.start() + 1;
      }
    }
    add(out, script.substring(from));
    return out;
  }

  private static void add(List<String> out, String statement) {
    boolean significant =
        SqlTokenizer.tokenize(statement).stream().anyMatch(SqlTokenizer.Token::significant);
    if (significant) {
      out.add(statement.strip());
    }
  }
}
