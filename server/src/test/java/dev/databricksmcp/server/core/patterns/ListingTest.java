package dev.databricksmcp.server.core.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.testing.RecordingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A list tool: the request it makes, compact or full rows, the page token handed back. */
class ListingTest {
  private record Item(String name, String owner) {}

  private final List<Listing.Request> requests = new ArrayList<>();

  private Listing<Item> listing(String nextToken) {
    return Listing.of(
        "things",
        (request, args, ctx) -> {
          requests.add(request);
          return Listing.Page.of(List.of(new Item("a", "alice"), new Item("b", "bob")), nextToken);
        });
  }

  private static Args args(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return new Args(m);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(ToolResult r) {
    return (Map<String, Object>) r.data();
  }

  @Test
  void theFirstPageAsksWithTheDefaultSizeAndNoToken() throws Exception {
    ToolResult r = listing(null).handle(args(), new RecordingContext());

    assertThat(requests).containsExactly(new Listing.Request(50, null, false));
    assertThat(data(r)).containsOnlyKeys("items");
    assertThat(r.count()).isEqualTo(2);
    assertThat(r.message()).isEqualTo("2 things");
  }

  @Test
  void theNextPageTokenIsHandedBackInTheStandardEnvelope() throws Exception {
    ToolResult r =
        listing("t2").handle(args("max_results", 2, "page_token", "t1"), new RecordingContext());

    assertThat(requests).containsExactly(new Listing.Request(2, "t1", false));
    assertThat(data(r)).containsEntry("next_page_token", "t2").containsEntry("truncated", true);
    assertThat(r.message())
        .isEqualTo("2 things; more available: call again with data.next_page_token as page_token");
  }

  @Test
  void anEmptyTokenMeansTheLastPage() throws Exception {
    ToolResult r = listing("").handle(args(), new RecordingContext());
    assertThat(data(r)).containsOnlyKeys("items");
  }

  @Test
  void rowsAreCompactByDefaultAndDetailedWithDetailNeverTheApisObjects() throws Exception {
    Listing<Item> compact =
        listing(null).compact(i -> i.name(), i -> i.name() + " (" + i.owner() + ")");

    assertThat(data(compact.handle(args(), new RecordingContext())).get("items"))
        .isEqualTo(List.of("a", "b"));
    assertThat(data(compact.handle(args("detail", true), new RecordingContext())).get("items"))
        .isEqualTo(List.of("a (alice)", "b (bob)"));
    assertThat(requests.get(1).detail()).isTrue();
    assertThat(data(compact.handle(args("detail", false), new RecordingContext())).get("items"))
        .isEqualTo(List.of("a", "b"));
  }

  @Test
  void fixedRowsTakeNoDetail() throws Exception {
    Listing<Item> rows = listing(null).rows(Item::owner);

    assertThat(rows.allParams())
        .extracting(Param::name)
        .containsExactly("max_results", "page_token");
    assertThat(data(rows.handle(args(), new RecordingContext())).get("items"))
        .isEqualTo(List.of("alice", "bob"));
    assertThat(requests).containsExactly(new Listing.Request(50, null, false));
  }

  @Test
  void withoutAShapeItemsAreShownAsGiven() throws Exception {
    assertThat(data(listing(null).handle(args(), new RecordingContext())).get("items"))
        .isEqualTo(List.of(new Item("a", "alice"), new Item("b", "bob")));
  }

  @Test
  void theSchemaListsOwnParamsThenDetailThenPaging() {
    Param<String> parent = Params.namePart("catalog_name", "Catalog");
    Listing<Item> l =
        listing(null)
            .params(parent)
            .compact(Item::name, Item::owner, Params.DETAIL.describedAs("Everything"))
            .maxResults(Params.maxResults(25, 100));

    Map<String, Object> schema = l.input().build();
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> props =
        (Map<String, Map<String, Object>>) schema.get("properties");
    assertThat(props.keySet())
        .containsExactly("catalog_name", "detail", "max_results", "page_token");
    assertThat(props.get("detail")).containsEntry("description", "Everything");
    assertThat(props.get("max_results")).containsEntry("default", 25).containsEntry("maximum", 100);
    assertThat(schema.get("required")).isEqualTo(List.of("catalog_name"));
  }

  @Test
  void theRequestIsBoundedByTheDeclaredPageSize() throws Exception {
    Listing<Item> l = listing(null).maxResults(Params.maxResults(25, 100));

    l.handle(args(), new RecordingContext());
    l.handle(args("max_results", 100), new RecordingContext());
    assertThat(requests).extracting(Listing.Request::maxResults).containsExactly(25, 100);
    assertThatThrownBy(() -> l.handle(args("max_results", 101), new RecordingContext()))
        .isInstanceOf(ToolException.class)
        .hasMessage("max_results: must be between 1 and 100 (got 101)");
  }

  @Test
  void aPageWithoutItemsIsEmpty() {
    assertThat(Listing.Page.of(null, null).items()).isEmpty();
  }
}
