package dev.databricksmcp.bench;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.ListWarehousesRequest;
import dev.databricksmcp.server.mcp.McpServerFactory;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Section 7: the bytes a model reads for the calls of a typical analyst session on the sample data:
 * the text block and the structured result of each, as the client receives them. Sizes, not times:
 * one run is exact.
 */
final class ResultSizeBench {
  private record Call(String label, String tool, Map<String, Object> args) {}

  private ResultSizeBench() {}

  static String run(SandboxProcess sandbox) throws Exception {
    WorkspaceClient sdk = sandbox.sdkClient();
    String warehouse = sdk.warehouses().list(new ListWarehousesRequest()).iterator().next().getId();
    List<Call> calls =
        List.of(
            new Call(
                "list the tables of samples.tpch",
                "list_tables",
                Map.of("catalog_name", "samples", "schema_name", "tpch")),
            new Call(
                "the same with detail=true",
                "list_tables",
                Map.of("catalog_name", "samples", "schema_name", "tpch", "detail", true)),
            new Call("get a table", "get_table", Map.of("full_name", "samples.tpch.orders")),
            new Call("search tables for 'order'", "search_tables", Map.of("query", "order")),
            new Call(
                "grants on a schema",
                "get_grants",
                Map.of("securable_type", "schema", "full_name", "main.default")),
            new Call(
                "lineage of a table",
                "get_table_lineage",
                Map.of("full_name", "samples.nyctaxi.trips")),
            new Call(
                "top pickup zips by fare (10 rows)",
                "execute_sql",
                Map.of(
                    "statement",
                    "SELECT pickup_zip, round(avg(fare_amount), 2) AS avg_fare FROM"
                        + " samples.nyctaxi.trips GROUP BY 1 ORDER BY 2 DESC LIMIT 10")),
            new Call(
                "a wide query with max_rows 10000",
                "execute_sql",
                Map.of("statement", "SELECT * FROM samples.nyctaxi.trips", "max_rows", 10000)),
            new Call("recent query history", "list_query_history", Map.of("max_results", 10)),
            new Call("list warehouses", "list_warehouses", Map.of()),
            new Call("get a warehouse", "get_warehouse", Map.of("warehouse_id", warehouse)));

    StringBuilder md =
        new StringBuilder(
            "## 7. What a model reads per typical call (sandbox sample data)\n\n"
                + "Bytes of the text block and of the structured result as the client receives"
                + " them (a client shows the model one or the other, or both).\n\n"
                + "| call | tool | text bytes | structured bytes |\n|---|---|---|---|\n");
    long text = 0;
    long structured = 0;
    try (InProcess server = new InProcess(sandbox.host)) {
      McpSyncClient client = server.client();
      try {
        for (Call c : calls) {
          McpSchema.CallToolResult r =
              client.callTool(new McpSchema.CallToolRequest(c.tool(), c.args()));
          int t = textBytes(r);
          int s = structuredBytes(r);
          text += t;
          structured += s;
          md.append("| ")
              .append(c.label())
              .append(Boolean.TRUE.equals(r.isError()) ? " (error)" : "")
              .append(" | `")
              .append(c.tool())
              .append("` | ")
              .append(t)
              .append(" | ")
              .append(s)
              .append(" |\n");
        }
      } finally {
        client.closeGracefully();
      }
    }
    md.append("| **all of the above** | | **")
        .append(text)
        .append("** | **")
        .append(structured)
        .append("** |\n\n");
    return md.toString();
  }

  private static int textBytes(McpSchema.CallToolResult r) {
    int bytes = 0;
    for (McpSchema.Content c : r.content()) {
      if (c instanceof McpSchema.TextContent t) {
        bytes += t.text().getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return bytes;
  }

  private static int structuredBytes(McpSchema.CallToolResult r) throws Exception {
    return r.structuredContent() == null
        ? 0
        : McpServerFactory.JSON
            .writeValueAsString(r.structuredContent())
            .getBytes(StandardCharsets.UTF_8)
            .length;
  }
}
