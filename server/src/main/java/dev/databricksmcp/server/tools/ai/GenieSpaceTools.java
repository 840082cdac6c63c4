package dev.databricksmcp.server.tools.ai;

import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.service.dashboards.GenieGetSpaceRequest;
import com.databricks.sdk.service.dashboards.GenieListSpacesRequest;
import com.databricks.sdk.service.dashboards.GenieListSpacesResponse;
import com.databricks.sdk.service.dashboards.GenieSpace;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Listing;

/** list_genie_spaces and get_genie_space. */
final class GenieSpaceTools {
  private GenieSpaceTools() {}

  static ToolDef list() {
    Listing<GenieSpace> listing =
        Listing.of(
                "Genie spaces",
                (page, args, ctx) -> {
                  GenieListSpacesResponse r =
                      ctx.workspace()
                          .genie()
                          .impl()
                          .listSpaces(
                              new GenieListSpacesRequest()
                                  .setPageSize((long) page.maxResults())
                                  .setPageToken(page.pageToken()));
                  return Listing.Page.of(r.getSpaces(), r.getNextPageToken());
                })
            .rows(GenieRows::space);
    return ToolDef.builder(AiToolset.ID, "list_genie_spaces")
        .title("List Genie spaces")
        .description(
            "AI/BI Genie spaces you can use: space_id, title, description, warehouse. Ask one a"
                + " question with ask_genie; get_genie_space shows its tables and sample"
                + " questions.")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  static ToolDef get() {
    return ToolDef.builder(AiToolset.ID, "get_genie_space")
        .title("Get Genie space")
        .description(
            "A Genie space by id or title: description, warehouse, and where you may read its"
                + " configuration (CAN EDIT) its tables, instructions and sample questions.")
        .input(Schema.of(GenieParams.SPACE))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              String id = GenieSpaces.resolve(ctx.workspace(), GenieParams.SPACE.of(args));
              GenieSpace space;
              try {
                space =
                    ctx.workspace()
                        .genie()
                        .getSpace(
                            new GenieGetSpaceRequest()
                                .setSpaceId(id)
                                .setIncludeSerializedSpace(true));
              } catch (PermissionDenied e) {
                // the export needs CAN EDIT; the space itself needs less
                space = ctx.workspace().genie().getSpace(id);
              }
              return ToolResult.of(
                  GenieRows.spaceDetail(space),
                  "Genie space '" + space.getTitle() + "'. Ask it a question with ask_genie.");
            })
        .build();
  }
}
