package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.service.sql.ColumnInfo;
import com.databricks.sdk.service.sql.ColumnInfoTypeName;
import com.databricks.sdk.service.sql.StatementResponse;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.tools.sql.ChartRenderer.ChartData;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * visualize_query: a read-only query's result drawn as a PNG chart, returned as MCP image content
 * after the envelope, whose data holds the very points drawn. A tool of its own rather than a
 * {@code chart} option of execute_sql: it is read-only (no prompt, allowed in read-only mode), its
 * result is a picture rather than rows, and execute_sql's schema stays as it is.
 */
final class ChartTools {
  private ChartTools() {}

  /** Rows read from the result at most; beyond them the chart says it used the first ones. */
  static final int MAX_ROWS = 10_000;

  /** Bars at most; beyond them the smallest are summed into one "other" bar. */
  static final int MAX_BARS = 40;

  /** An integer x with at most this many distinct values is drawn as bars, not points. */
  private static final int DISCRETE_X = 60;

  private static final Set<ColumnInfoTypeName> NUMERIC =
      Set.of(
          ColumnInfoTypeName.INT,
          ColumnInfoTypeName.LONG,
          ColumnInfoTypeName.SHORT,
          ColumnInfoTypeName.BYTE,
          ColumnInfoTypeName.DOUBLE,
          ColumnInfoTypeName.FLOAT,
          ColumnInfoTypeName.DECIMAL);
  private static final Set<ColumnInfoTypeName> INTEGER =
      Set.of(
          ColumnInfoTypeName.INT,
          ColumnInfoTypeName.LONG,
          ColumnInfoTypeName.SHORT,
          ColumnInfoTypeName.BYTE);
  private static final Set<ColumnInfoTypeName> TEMPORAL =
      Set.of(ColumnInfoTypeName.DATE, ColumnInfoTypeName.TIMESTAMP);

  private static final Param<String> CHART =
      Param.choice(
          "chart",
          "bar, line, scatter or histogram; default: picked from the column types",
          List.of("bar", "line", "scatter", "histogram"));
  private static final Param<String> X =
      Param.string("x", "Column for the x axis (histogram: the column binned)").maxLength(255);
  private static final Param<String> Y =
      Param.string("y", "Numeric column for the y axis").maxLength(255);
  private static final Param<String> TITLE = Param.string("title", "Chart title").maxLength(200);
  private static final Param<Integer> MAX_POINTS =
      Param.integer(
              "max_points", "Points drawn at most; more are averaged or sampled ({min}-{max})")
          .range(10, 5_000)
          .withDefault(1_000);

  static ToolDef visualizeQuery(SqlSettings settings) {
    return ToolDef.builder(SqlToolset.ID, "visualize_query")
        .title("Chart a query")
        .description(
            "Run one read-only query (as execute_sql_read_only) and draw its result as a PNG bar,"
                + " line, scatter or histogram chart; axes picked from column types unless given."
                + " Returns the image and the points drawn.")
        .input(
            Schema.of(
                    StatementTools.STATEMENT,
                    CHART,
                    X,
                    Y,
                    TITLE,
                    SqlParams.CHOSEN_WAREHOUSE,
                    SqlParams.DEFAULT_CATALOG,
                    SqlParams.DEFAULT_SCHEMA)
                .params(StatementTools.timeout(settings), MAX_POINTS))
        .hints(ToolHints.read())
        .handler((args, ctx) -> visualize(args, ctx, settings))
        .build();
  }

  private static ToolResult visualize(Args args, ToolContext ctx, SqlSettings settings)
      throws Exception {
    StatementTools.Started started = StatementTools.start(args, ctx, settings, true);
    if (!started.polled().known()) {
      return StatementResults.unknown(started.polled(), started.extra());
    }
    StatementResponse r = started.polled().last();
    if (r.getStatus().getState() != StatementState.SUCCEEDED) {
      // still running, or ended without rows: answered as execute_sql answers it
      return StatementResults.toResult(
          ctx.workspace(), r, started.statement(), 0, 1, settings.maxBytes(), "json", Map.of());
    }
    if (r.getManifest() == null || r.getManifest().getSchema() == null) {
      throw ToolException.validation(
          StatementTools.STATEMENT.name(), "the statement returns no rows to chart");
    }
    List<ColumnInfo> columns = new ArrayList<>(r.getManifest().getSchema().getColumns());
    ResultPage page = ResultPage.read(ctx.workspace(), r, 0, MAX_ROWS, 64 * 1024 * 1024);
    ChartData chart = plan(args, columns, page.rows());
    byte[] png = ChartRenderer.png(chart);

    Map<String, Object> data = new LinkedHashMap<>();
    data.put("statement_id", r.getStatementId());
    data.put("chart", chart.describe());
    data.put("rows_used", page.rows().size());
    data.put("total_row_count", page.totalRows());
    data.put(
        "image",
        Map.of(
            "mime_type",
            "image/png",
            "width",
            ChartRenderer.WIDTH,
            "height",
            ChartRenderer.HEIGHT,
            "bytes",
            png.length));
    data.putAll(started.extra());
    String message =
        capitalized(chart.type())
            + " chart \""
            + chart.title()
            + "\": "
            + chart.points().size()
            + ("bar".equals(chart.type())
                ? " bars"
                : "histogram".equals(chart.type()) ? " bins" : " points")
            + " from "
            + page.rows().size()
            + " rows"
            + (page.totalRows() > page.rows().size()
                ? " (the first " + page.rows().size() + " of " + page.totalRows() + ")"
                : "")
            + "."
            + (chart.reduced() == null ? "" : " " + chart.reduced() + ".")
            + " The PNG image follows.";
    McpSchema.ImageContent image =
        new McpSchema.ImageContent(null, Base64.getEncoder().encodeToString(png), "image/png");
    return ToolResult.of(data, message).withAttachments(List.of(image));
  }

  /** Picks the chart and its axes (given, or from the column types), then reduces the rows. */
  static ChartData plan(Args args, List<ColumnInfo> columns, List<List<Object>> rows) {
    int x = X.optional(args).map(name -> column(X.name(), name, columns)).orElse(-1);
    int y = Y.optional(args).map(name -> column(Y.name(), name, columns)).orElse(-1);
    if (y >= 0 && !NUMERIC.contains(columns.get(y).getTypeName())) {
      throw ToolException.validation(
          Y.name(), "column " + columns.get(y).getName() + " is not numeric; choose one that is");
    }
    String type = CHART.optional(args).orElse(null);
    if ("histogram".equals(type) || (type == null && columns.size() == 1 && x < 0)) {
      int binned = x >= 0 ? x : y >= 0 ? y : firstNumeric(columns, -1);
      if (binned < 0 || !NUMERIC.contains(columns.get(binned).getTypeName())) {
        throw ToolException.validation(
            X.name(), "a histogram needs a numeric column; the result has none");
      }
      String name = columns.get(binned).getName();
      return ChartReducer.histogram(
          TITLE.optional(args).orElse("Distribution of " + name), name, values(rows, binned));
    }
    if (columns.size() < 2) {
      throw ToolException.validation(
          Y.name(), "a " + (type == null ? "bar" : type) + " chart needs two columns, x and y");
    }
    if (x < 0) {
      x = y == 0 ? 1 : 0;
    }
    if (y < 0) {
      y = firstNumeric(columns, x);
      if (y < 0) {
        throw ToolException.validation(
            Y.name(), "no numeric column other than x to plot; select one (e.g. count(*))");
      }
    }
    ColumnInfoTypeName xType = columns.get(x).getTypeName();
    if (type == null) {
      type =
          TEMPORAL.contains(xType)
              ? "line"
              : INTEGER.contains(xType) && distinct(rows, x) <= DISCRETE_X
                  ? "bar"
                  : NUMERIC.contains(xType) ? "scatter" : "bar";
    }
    String xName = columns.get(x).getName();
    String yName = columns.get(y).getName();
    String title = TITLE.optional(args).orElse(yName + " by " + xName);
    if (!"bar".equals(type) && !NUMERIC.contains(xType) && !TEMPORAL.contains(xType)) {
      throw ToolException.validation(
          X.name(), "a " + type + " chart needs a numeric or date x; " + xName + " is neither");
    }
    int maxPoints = MAX_POINTS.of(args);
    return switch (type) {
      case "bar" -> ChartReducer.bars(title, xName, yName, rows, x, y);
      case "line" ->
          ChartReducer.line(title, xName, yName, rows, x, y, maxPoints, TEMPORAL.contains(xType));
      default ->
          ChartReducer.scatter(
              title, xName, yName, rows, x, y, maxPoints, TEMPORAL.contains(xType));
    };
  }

  private static int column(String field, String name, List<ColumnInfo> columns) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).getName().equalsIgnoreCase(name)) {
        return i;
      }
    }
    List<String> names = columns.stream().map(ColumnInfo::getName).toList();
    throw ToolException.validation(field, "no column " + name + " in the result; it has " + names);
  }

  private static int firstNumeric(List<ColumnInfo> columns, int except) {
    for (int i = 0; i < columns.size(); i++) {
      if (i != except && NUMERIC.contains(columns.get(i).getTypeName())) {
        return i;
      }
    }
    return -1;
  }

  private static long distinct(List<List<Object>> rows, int column) {
    return rows.stream().map(row -> row.get(column)).distinct().limit(DISCRETE_X + 1L).count();
  }

  private static List<Double> values(List<List<Object>> rows, int column) {
    List<Double> out = new ArrayList<>();
    for (List<Object> row : rows) {
      if (row.get(column) instanceof Number n) {
        out.add(n.doubleValue());
      }
    }
    return out;
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
