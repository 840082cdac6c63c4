package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.sql;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.ListQueryHistoryRequest;
import com.databricks.sdk.service.sql.QueryFilter;
import com.databricks.sdk.service.sql.QueryInfo;
import com.databricks.sdk.service.sql.QueryStatus;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Query history against https://docs.databricks.com/api/query-history/v1/list-queries.md: the most
 * recently started queries first, filters given in dot notation ({@code filter_by.statement_ids},
 * {@code filter_by.statuses}, {@code filter_by.user_ids}, {@code filter_by.warehouse_ids}, {@code
 * filter_by.query_start_time_range.start_time_ms}), {@code {res: [QueryInfo], next_page_token,
 * has_next_page}}.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class QueryHistoryContractTest {
  private static final String BASE = "/api/2.0/sql/history/queries";
  private static final JsonShape PAGE =
      JsonShape.of(
              "{\"res\": [\"@QueryInfo\"], \"next_page_token\": \"string\", \"has_next_page\": true}")
          .required(
              "res[].query_id",
              "res[].status",
              "res[].query_text",
              "res[].user_id",
              "res[].user_name",
              "res[].warehouse_id",
              "res[].query_start_time_ms");

  /**
   * List with filters in dot notation; newest first; {@code user_id} an integer, times in epoch
   * milliseconds, {@code status} one of the documented values.
   * https://docs.databricks.com/api/query-history/v1/list-queries.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/sql/history/queries",
      doc = "https://docs.databricks.com/api/query-history/v1/list-queries.md")
  void listFiltersInDotNotationNewestFirst() {
    String first = sql("SELECT 'history one'").get("statement_id").asText();
    String second = sql("SELECT 'history two'").get("statement_id").asText();
    JsonNode both =
        admin()
            .get(
                Wire.query(
                    BASE,
                    "filter_by.statement_ids",
                    first,
                    "filter_by.statement_ids",
                    second,
                    "include_metrics",
                    "true"))
            .ok();
    PAGE.check(both);
    List<String> ids = new ArrayList<>();
    both.get("res").forEach(q -> ids.add(q.get("query_id").asText()));
    assertThat(ids).containsExactly(second, first);
    JsonNode q = both.get("res").get(0);
    assertThat(q.get("status").asText()).isEqualTo("FINISHED");
    assertThat(q.get("user_id").asLong()).isEqualTo(Long.parseLong(Identities.ADMIN.id()));

    JsonNode none =
        admin()
            .get(Wire.query(BASE, "filter_by.statement_ids", first, "filter_by.statuses", "FAILED"))
            .ok();
    PAGE.check(none);
    assertThat(none.path("res").size()).isZero();

    JsonNode page = admin().get(Wire.query(BASE, "max_results", "1")).ok();
    PAGE.check(page);
    assertThat(page.get("res").size()).isEqualTo(1);
    assertThat(page.get("has_next_page").asBoolean()).isTrue();
    assertThat(page.get("next_page_token").asText()).isNotBlank();
  }

  /** The same filter through the Databricks SDK for Java, which sends it in dot notation. */
  @Test
  @Contract(
      value = "GET /api/2.0/sql/history/queries",
      doc = "https://docs.databricks.com/api/query-history/v1/list-queries.md")
  void sdkRoundTrip() {
    String id = sql("SELECT 'history sdk'").get("statement_id").asText();
    WorkspaceClient sdk = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    java.util.Collection<QueryInfo> res =
        sdk.queryHistory()
            .list(
                new ListQueryHistoryRequest()
                    .setFilterBy(new QueryFilter().setStatementIds(List.of(id))))
            .getRes();
    assertThat(res).extracting(QueryInfo::getQueryId).containsExactly(id);
    assertThat(res.iterator().next().getStatus()).isEqualTo(QueryStatus.FINISHED);
  }
}
