package dev.databricksmcp.server.core.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.testing.RecordingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A get tool: the checked key is fetched, shown and named in the message. */
class LookupTest {
  private final List<String> fetched = new ArrayList<>();

  private Lookup<Map<String, Object>> lookup() {
    return Lookup.of(
        Params.namePart("name", "Catalog name"),
        (name, ctx) -> {
          fetched.add(name);
          return Map.of("name", name, "owner", "alice");
        },
        c -> "Catalog " + c.get("name") + ".");
  }

  @Test
  void fetchesByTheCheckedKey() throws Exception {
    ToolResult r = lookup().handle(new Args(Map.of("name", "`main`")), new RecordingContext());

    assertThat(fetched).containsExactly("main");
    assertThat(r.data()).isEqualTo(Map.of("name", "main", "owner", "alice"));
    assertThat(r.message()).isEqualTo("Catalog main.");
  }

  @Test
  void aShapeChangesWhatIsShown() throws Exception {
    ToolResult r =
        lookup()
            .shape(c -> c.get("owner"))
            .handle(new Args(Map.of("name", "m")), new RecordingContext());
    assertThat(r.data()).isEqualTo("alice");
    assertThat(r.message()).isEqualTo("Catalog m.");
  }

  @Test
  void aBadOrMissingKeyFetchesNothing() {
    assertThatThrownBy(() -> lookup().handle(new Args(Map.of()), new RecordingContext()))
        .isInstanceOf(ToolException.class)
        .hasMessage("name: is required");
    assertThatThrownBy(
            () -> lookup().handle(new Args(Map.of("name", "a.b")), new RecordingContext()))
        .isInstanceOf(ToolException.class);
    assertThat(fetched).isEmpty();
  }

  @SuppressWarnings("unchecked")
  @Test
  void theSchemaIsTheKey() {
    Map<String, Object> schema = lookup().input().build();
    assertThat(((Map<String, ?>) schema.get("properties")).keySet()).containsExactly("name");
    assertThat(schema.get("required")).isEqualTo(List.of("name"));
    assertThat(lookup().key().name()).isEqualTo("name");
  }
}
