package dev.databricksmcp.server.tools.ai;

import static dev.databricksmcp.server.tools.ai.VectorSearchParams.ENDPOINT_NAME;
import static dev.databricksmcp.server.tools.ai.VectorSearchParams.WAIT_SECONDS;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.vectorsearch.CreateEndpoint;
import com.databricks.sdk.service.vectorsearch.DeleteEndpointRequest;
import com.databricks.sdk.service.vectorsearch.EndpointInfo;
import com.databricks.sdk.service.vectorsearch.EndpointStatusState;
import com.databricks.sdk.service.vectorsearch.EndpointType;
import com.databricks.sdk.service.vectorsearch.GetEndpointRequest;
import com.databricks.sdk.service.vectorsearch.ListEndpointsRequest;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.Listing;
import dev.databricksmcp.server.core.patterns.Lookup;
import dev.databricksmcp.server.core.patterns.WholeListPages;
import dev.databricksmcp.server.core.wait.Waited;
import dev.databricksmcp.server.core.wait.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Vector search endpoints: list, get, create (optionally waiting for ONLINE), delete. */
final class VectorEndpointTools {
  private static final Param<String> TYPE =
      Param.choice(
              "endpoint_type",
              "Endpoint type (default {default}; STORAGE_OPTIMIZED for very large indexes)",
              List.of("STANDARD", "STORAGE_OPTIMIZED"))
          .withDefault("STANDARD");

  private VectorEndpointTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), get(), create(), delete());
  }

  static ToolDef list() {
    Listing<EndpointInfo> listing =
        Listing.<EndpointInfo>of(
                "vector search endpoints",
                (page, args, ctx) -> {
                  List<EndpointInfo> all = new ArrayList<>();
                  ctx.workspace()
                      .vectorSearchEndpoints()
                      .listEndpoints(new ListEndpointsRequest())
                      .forEach(all::add);
                  return WholeListPages.of(all, page);
                })
            .compact(VectorSearchRows::endpoint, VectorSearchRows::endpointDetail);
    return ToolDef.builder(AiToolset.ID, "list_vector_search_endpoints")
        .title("List vector search endpoints")
        .description(
            "Vector search endpoints (the compute that serves vector indexes): name, type, state"
                + " (PROVISIONING, ONLINE, …), number of indexes. detail=true adds id, creator and"
                + " times.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef get() {
    Lookup<EndpointInfo> lookup =
        Lookup.of(
                ENDPOINT_NAME,
                (key, ctx) -> fetch(ctx.workspace(), key),
                e ->
                    "Vector search endpoint "
                        + e.getName()
                        + " is "
                        + VectorSearchRows.endpointState(e)
                        + " with "
                        + Counted.of(
                            e.getNumIndexes() == null ? 0 : e.getNumIndexes(), "index", "indexes")
                        + ".")
            .shape(VectorSearchRows::endpointDetail);
    return ToolDef.builder(AiToolset.ID, "get_vector_search_endpoint")
        .title("Get vector search endpoint")
        .description(
            "One vector search endpoint by name: type, state and its message, number of indexes,"
                + " creator, times.")
        .input(lookup.input())
        .hints(ToolHints.read())
        .handler(lookup)
        .build();
  }

  static ToolDef create() {
    Param<String> name =
        Param.string("name", "New endpoint name (letters, digits, '-' and '_')").required();
    return ToolDef.builder(AiToolset.ID, "create_vector_search_endpoint")
        .title("Create vector search endpoint")
        .description(
            "Create a vector search endpoint to host vector indexes. It is PROVISIONING for a"
                + " while (minutes on Databricks; it costs money while it exists); wait_seconds"
                + " waits for ONLINE, else get_vector_search_endpoint shows when it is.")
        .input(Schema.of(name, TYPE, WAIT_SECONDS))
        .hints(ToolHints.write(false))
        .checkWith("list_vector_search_endpoints")
        .handler(
            (args, ctx) -> {
              WorkspaceClient w = ctx.workspace();
              EndpointInfo created =
                  w.vectorSearchEndpoints()
                      .createEndpoint(
                          new CreateEndpoint()
                              .setName(name.of(args))
                              .setEndpointType(EndpointType.valueOf(TYPE.of(args))))
                      .getResponse();
              String said = "Created vector search endpoint " + created.getName() + ".";
              return awaitOnline(created, Duration.ofSeconds(WAIT_SECONDS.of(args)), ctx, said);
            })
        .build();
  }

  static ToolDef delete() {
    Deletion<EndpointInfo> deletion =
        Deletion.of(
            (args, ctx) -> fetch(ctx.workspace(), ENDPOINT_NAME.of(args)),
            (e, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete vector search endpoint "
                        + e.getName()
                        + (e.getNumIndexes() == null || e.getNumIndexes() == 0
                            ? ""
                            : " and its " + Counted.of(e.getNumIndexes(), "index", "indexes"))
                        + " in "
                        + ctx.workspaceHost(),
                    e.getName() + "|" + e.getId()),
            (e, args, ctx) -> {
              ctx.workspace()
                  .vectorSearchEndpoints()
                  .deleteEndpoint(new DeleteEndpointRequest().setEndpointName(e.getName()));
              Map<String, Object> data = new LinkedHashMap<>();
              data.put("name", e.getName());
              data.put("deleted", true);
              return ToolResult.of(data, "Deleted vector search endpoint " + e.getName() + ".");
            });
    return ToolDef.builder(AiToolset.ID, "delete_vector_search_endpoint")
        .title("Delete vector search endpoint")
        .description(
            "Delete a vector search endpoint for good, with the indexes it hosts. The confirmation"
                + " says how many indexes go with it.")
        .input(Schema.of(ENDPOINT_NAME))
        .hints(ToolHints.destructive(true))
        .checkWith("list_vector_search_endpoints")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  static EndpointInfo fetch(WorkspaceClient w, String name) {
    return w.vectorSearchEndpoints().getEndpoint(new GetEndpointRequest().setEndpointName(name));
  }

  /** The endpoint after waiting up to {@code wait} for ONLINE; said as created either way. */
  private static ToolResult awaitOnline(
      EndpointInfo created, Duration wait, ToolContext ctx, String said)
      throws InterruptedException {
    if (wait.isZero()) {
      return ToolResult.of(
          VectorSearchRows.endpointDetail(created),
          said
              + " It is "
              + VectorSearchRows.endpointState(created)
              + "; get_vector_search_endpoint shows when it is ONLINE.");
    }
    WorkspaceClient w = ctx.workspace();
    Waited<EndpointInfo> waited =
        Waiter.polling(() -> fetch(w, created.getName()))
            .until(
                e ->
                    e.getEndpointStatus() != null
                        && e.getEndpointStatus().getState() != EndpointStatusState.PROVISIONING)
            .describedAs(
                e ->
                    "endpoint "
                        + created.getName()
                        + " ONLINE (now "
                        + VectorSearchRows.endpointState(e)
                        + ")")
            .startingFrom(created)
            .waitFor(ctx, wait)
            .throwIfInterrupted();
    if (waited.outcome() == Waited.Outcome.POLL_FAILED) {
      return ToolResult.of(
          VectorSearchRows.endpointDetail(created),
          said + " Reading its state failed; get_vector_search_endpoint shows it.");
    }
    EndpointInfo last = waited.last();
    String state = VectorSearchRows.endpointState(last);
    return ToolResult.of(
        VectorSearchRows.endpointDetail(last),
        said
            + " It is "
            + state
            + ("ONLINE".equals(state)
                ? "."
                : "; call get_vector_search_endpoint in a minute to check again."));
  }
}
