package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.sql.CreateQueryRequest;
import com.databricks.sdk.service.sql.CreateQueryRequestQuery;
import com.databricks.sdk.service.sql.GetQueryRequest;
import com.databricks.sdk.service.sql.Query;
import com.databricks.sdk.service.sql.TrashQueryRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Saved queries against the API reference (index:
 * https://docs.databricks.com/api/queries/v1/query.md), with the shapes of the spec's Query and
 * ListQueryObjectsResponse as the Go SDK carries them.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class SavedQueriesContractTest {
  private static final String BASE = "/api/2.0/sql/queries";
  private static final String DOCS = "https://docs.databricks.com/api/queries/v1/";
  private static final JsonShape QUERY =
      JsonShape.named("Query")
          .required(
              "id",
              "display_name",
              "query_text",
              "owner_user_name",
              "lifecycle_state",
              "create_time",
              "update_time");

  /**
   * Create: {@code {query: {...}}} in, the Query object out, ACTIVE and owned by the caller.
   * https://docs.databricks.com/api/queries/v1/create-query.md
   */
  @Test
  @Contract(value = "POST /api/2.0/sql/queries", doc = DOCS + "create-query.md")
  void createAnswersTheQuery() {
    JsonNode q = create(unique("contract query"));
    QUERY.check(q);
    assertThat(q.get("lifecycle_state").asText()).isEqualTo("ACTIVE");
    assertThat(q.get("owner_user_name").asText()).isEqualTo(Identities.ADMIN.userName());
    admin().delete(BASE + "/" + q.get("id").asText()).okEmpty();
  }

  /**
   * Get: the Query object; an unknown id is 404 (the generic RESOURCE_DOES_NOT_EXIST; the page
   * gives no code). https://docs.databricks.com/api/queries/v1/get-query.md
   */
  @Test
  @Contract(value = "GET /api/2.0/sql/queries/{id}", doc = DOCS + "get-query.md")
  void getAnswersTheQuery() {
    JsonNode q = create(unique("contract query"));
    String id = q.get("id").asText();
    JsonNode got = admin().get(BASE + "/" + id).ok();
    QUERY.check(got);
    assertThat(got.get("display_name").asText()).isEqualTo(q.get("display_name").asText());
    admin()
        .get(BASE + "/00000000-0000-0000-0000-000000000000")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    admin().delete(BASE + "/" + id).okEmpty();
  }

  /**
   * List: {@code {results: [...], next_page_token}}, paged by {@code page_size}.
   * https://docs.databricks.com/api/queries/v1/list-queries.md
   */
  @Test
  @Contract(value = "GET /api/2.0/sql/queries", doc = DOCS + "list-queries.md")
  void listPagesWithPageSize() {
    JsonNode all = admin().get(BASE).ok();
    JsonShape.of(
            "{\"results\": [\"@ListQueryObjectsResponseQuery\"], \"next_page_token\": \"string\"}")
        .required("results[].id", "results[].display_name")
        .check(all);
    assertThat(all.get("results").size()).isGreaterThanOrEqualTo(2);
    JsonNode one = admin().get(Wire.query(BASE, "page_size", "1")).ok();
    assertThat(one.get("results").size()).isEqualTo(1);
    assertThat(one.get("next_page_token").asText()).isNotBlank();
  }

  /**
   * "Gets a list of queries accessible to the user, ordered by creation time" (the operation's
   * description in the spec; the CLI reference says the same): the {@code create_time} of the
   * listed queries never goes back and forth. The direction is not documented, so either order
   * passes; five new queries make a chance match of an unordered list unlikely.
   * https://docs.databricks.com/api/queries/v1/list-queries.md
   */
  @Test
  @Contract(value = "GET /api/2.0/sql/queries", doc = DOCS + "list-queries.md")
  void listIsOrderedByCreationTime() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(create(unique("contract order " + i)).get("id").asText());
    }
    List<java.time.Instant> times = new ArrayList<>();
    admin()
        .get(BASE)
        .ok()
        .get("results")
        .forEach(q -> times.add(java.time.Instant.parse(q.get("create_time").asText())));
    List<java.time.Instant> ascending = new ArrayList<>(times);
    ascending.sort(null);
    List<java.time.Instant> descending = new ArrayList<>(ascending);
    java.util.Collections.reverse(descending);
    assertThat(times).as("create_time of the listed queries").isIn(ascending, descending);
    created.forEach(id -> admin().delete(BASE + "/" + id).okEmpty());
  }

  /**
   * Delete "Moves a query to the trash. Trashed queries immediately disappear from searches and
   * list views": the documented {@code {}} answer, and it is gone from the list at once. Only its
   * owner (or an admin) may. https://docs.databricks.com/api/queries/v1/trash-query.md
   */
  @Test
  @Contract(value = "DELETE /api/2.0/sql/queries/{id}", doc = DOCS + "trash-query.md")
  void deleteTrashesTheQuery() {
    String id = create(unique("contract query")).get("id").asText();
    analyst().delete(BASE + "/" + id).isError(403, "PERMISSION_DENIED", PermissionDenied.class);
    admin().delete(BASE + "/" + id).okEmpty();
    List<String> listed = new ArrayList<>();
    admin().get(BASE).ok().get("results").forEach(q -> listed.add(q.get("id").asText()));
    assertThat(listed).doesNotContain(id);
  }

  /** Create, get and trash through the Databricks SDK for Java. */
  @Test
  @Contract(value = "POST /api/2.0/sql/queries", doc = DOCS + "create-query.md")
  @Contract(value = "GET /api/2.0/sql/queries/{id}", doc = DOCS + "get-query.md")
  @Contract(value = "DELETE /api/2.0/sql/queries/{id}", doc = DOCS + "trash-query.md")
  void sdkRoundTrip() {
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    Query q =
        sdk.queries()
            .create(
                new CreateQueryRequest()
                    .setQuery(
                        new CreateQueryRequestQuery()
                            .setDisplayName(unique("contract sdk"))
                            .setQueryText("SELECT 1")
                            .setWarehouseId(Warehouses.STARTER_ID)));
    assertThat(sdk.queries().get(new GetQueryRequest().setId(q.getId())).getQueryText())
        .isEqualTo("SELECT 1");
    sdk.queries().delete(new TrashQueryRequest().setId(q.getId()));
  }

  static JsonNode create(String name) {
    return admin()
        .post(
            BASE,
            "{\"query\": {\"display_name\": \""
                + name
                + "\", \"query_text\": \"SELECT 1\", \"warehouse_id\": \""
                + Warehouses.STARTER_ID
                + "\"}}")
        .ok();
  }
}
