package dev.databricksmcp.sandbox.sql;

import com.databricks.sdk.service.sql.BaseChunkInfo;
import com.databricks.sdk.service.sql.ColumnInfo;
import com.databricks.sdk.service.sql.ColumnInfoTypeName;
import com.databricks.sdk.service.sql.Disposition;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.ExecuteStatementRequestOnWaitTimeout;
import com.databricks.sdk.service.sql.Format;
import com.databricks.sdk.service.sql.ResultData;
import com.databricks.sdk.service.sql.ResultManifest;
import com.databricks.sdk.service.sql.ResultSchema;
import com.databricks.sdk.service.sql.ServiceError;
import com.databricks.sdk.service.sql.ServiceErrorCode;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import com.databricks.sdk.service.sql.StatementStatus;
import dev.databricksmcp.sandbox.engine.DatabricksTypes;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL Statement Execution API: execute (with wait_timeout and on_wait_timeout), get, result
 * chunks and cancel. Statements really run, asynchronously, on {@link StatementRunner}.
 */
public final class StatementExecutionApi implements ApiModule {
  private static final String BASE = "/api/2.0/sql/statements";
  private static final Pattern WAIT = Pattern.compile("(\\d+)s");

  private final StatementRunner runner;
  private final Warehouses warehouses;

  public StatementExecutionApi(StatementRunner runner, Warehouses warehouses) {
    this.runner = runner;
    this.warehouses = warehouses;
  }

  @Override
  public void register(Router router) {
    router.post(BASE, this::execute);
    router.get(BASE + "/{id}", r -> response(find(r)));
    router.get(BASE + "/{id}/result/chunks/{index}", this::chunk);
    router.post(
        BASE + "/{id}/cancel",
        r -> {
          runner.cancel(find(r));
          return Map.of();
        });
  }

  private StatementResponse execute(ApiRequest r) throws InterruptedException {
    ExecuteStatementRequest req = r.bodyAs(ExecuteStatementRequest.class);
    if (req.getStatement() == null || req.getStatement().isBlank()) {
      throw ApiException.invalid("Missing required field: statement");
    }
    if (req.getWarehouseId() == null || req.getWarehouseId().isBlank()) {
      throw ApiException.invalid("Missing required field: warehouse_id");
    }
    long waitSeconds = waitSeconds(req.getWaitTimeout());
    if (req.getDisposition() == Disposition.EXTERNAL_LINKS) {
      throw ApiException.invalid("The sandbox supports only disposition INLINE.");
    }
    if (req.getFormat() != null && req.getFormat() != Format.JSON_ARRAY) {
      throw ApiException.invalid("INLINE disposition supports only format JSON_ARRAY.");
    }
    if (req.getRowLimit() != null && req.getRowLimit() < 0
        || req.getByteLimit() != null && req.getByteLimit() < 0) {
      throw ApiException.invalid("row_limit and byte_limit must not be negative.");
    }
    warehouses.get(req.getWarehouseId());
    RunningStatement s =
        new RunningStatement(
            "01f" + UUID.randomUUID().toString().substring(3),
            req.getWarehouseId(),
            r.principal(),
            req.getStatement());
    runner.submit(s, req);
    if (waitSeconds > 0) {
      try {
        s.future.get(waitSeconds, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        if (req.getOnWaitTimeout() == ExecuteStatementRequestOnWaitTimeout.CANCEL) {
          runner.cancel(s);
        }
      } catch (java.util.concurrent.ExecutionException
          | java.util.concurrent.CancellationException e) {
        // the statement's own state says what happened
      }
    }
    return response(s);
  }

  /** "0s", or 5 to 50 seconds; default 10s as Databricks has it. */
  static long waitSeconds(String waitTimeout) {
    if (waitTimeout == null || waitTimeout.isBlank()) {
      return 10;
    }
    Matcher m = WAIT.matcher(waitTimeout.trim());
    long seconds = m.matches() ? Long.parseLong(m.group(1)) : -1;
    if (seconds != 0 && (seconds < 5 || seconds > 50)) {
      throw ApiException.invalid(
          "wait_timeout must be 0s or between 5s and 50s, got '" + waitTimeout + "'.");
    }
    return seconds;
  }

  /**
   * The statement the request names, if the caller ran it (or is an admin): a statement's rows are
   * its runner's, so anyone else is answered as if it did not exist, which also keeps ids from
   * being probed.
   */
  private RunningStatement find(ApiRequest r) {
    String id = r.pathVar("id");
    return runner
        .find(id)
        .filter(s -> r.principal().admin() || s.principal.id().equals(r.principal().id()))
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.RESOURCE_DOES_NOT_EXIST, "Statement " + id + " does not exist."));
  }

  private ResultData chunk(ApiRequest r) {
    RunningStatement s = find(r);
    if (s.state != StatementState.SUCCEEDED) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "Statement " + s.id + " is " + s.state + "; results are available once it SUCCEEDED.");
    }
    int index;
    try {
      index = Integer.parseInt(r.pathVar("index"));
    } catch (NumberFormatException e) {
      throw ApiException.invalid("chunk_index must be a number.");
    }
    if (index < 0 || index >= s.chunks.chunks().size()) {
      throw ApiException.invalid(
          "chunk_index "
              + index
              + " is out of range: the result has "
              + s.chunks.chunks().size()
              + " chunk(s).");
    }
    return data(s, index);
  }

  static StatementResponse response(RunningStatement s) {
    StatementStatus status = new StatementStatus().setState(s.state);
    if (s.state == StatementState.FAILED && s.error != null) {
      status.setError(
          new ServiceError()
              .setErrorCode(ServiceErrorCode.BAD_REQUEST)
              .setMessage(s.error.databricksMessage()));
      status.setSqlState(s.error.sqlState());
    }
    StatementResponse out = new StatementResponse().setStatementId(s.id).setStatus(status);
    if (s.state == StatementState.SUCCEEDED) {
      out.setManifest(manifest(s));
      out.setResult(data(s, 0));
    }
    return out;
  }

  private static ResultManifest manifest(RunningStatement s) {
    List<ColumnInfo> columns = new ArrayList<>();
    int position = 0;
    for (QueryResult.Column c : s.result.columns()) {
      DatabricksTypes.Type type = DatabricksTypes.of(c.duckDbType());
      ColumnInfoTypeName name;
      try {
        name = ColumnInfoTypeName.valueOf(type.name());
      } catch (IllegalArgumentException e) {
        name = ColumnInfoTypeName.STRING;
      }
      columns.add(
          new ColumnInfo()
              .setName(c.name())
              .setPosition((long) position++)
              .setTypeName(name)
              .setTypeText(type.text().toUpperCase(java.util.Locale.ROOT))
              .setTypePrecision(type.precision() == null ? null : type.precision().longValue())
              .setTypeScale(type.scale() == null ? null : type.scale().longValue()));
    }
    Chunker.Chunks chunks = s.chunks;
    return new ResultManifest()
        .setFormat(Format.JSON_ARRAY)
        .setSchema(new ResultSchema().setColumnCount((long) columns.size()).setColumns(columns))
        .setTotalChunkCount((long) chunks.chunks().size())
        .setChunks(chunks.chunks())
        .setTotalRowCount((long) chunks.rowCount())
        .setTotalByteCount(chunks.byteCount())
        .setTruncated(chunks.truncated() || s.rowLimitTruncated);
  }

  private static ResultData data(RunningStatement s, int index) {
    BaseChunkInfo info = s.chunks.chunks().get(index);
    int from = info.getRowOffset().intValue();
    int to = from + info.getRowCount().intValue();
    ResultData out =
        new ResultData()
            .setChunkIndex((long) index)
            .setRowOffset(info.getRowOffset())
            .setRowCount(info.getRowCount())
            .setByteCount(info.getByteCount());
    if (info.getRowCount() > 0) {
      out.setDataArray(
          new ArrayList<>(s.result.rows().subList(from, to))
              .stream().map(row -> (java.util.Collection<String>) row).toList());
    }
    if (index + 1 < s.chunks.chunks().size()) {
      out.setNextChunkIndex((long) index + 1)
          .setNextChunkInternalLink(BASE + "/" + s.id + "/result/chunks/" + (index + 1));
    }
    return out;
  }
}
