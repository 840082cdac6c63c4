package dev.databricksmcp.server.core.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.ToolException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only the fields the caller gave are sent; an update that changes nothing is refused. */
class GivenFieldsTest {
  private static final Param<String> COMMENT = Param.string("comment", "New comment");
  private static final Param<String> OWNER = Param.string("owner", "New owner");
  private static final Param<Integer> SIZE =
      Param.integer("size", "Size").range(1, 10).withDefault(5);

  private static final GivenFields<Map<String, Object>> CHANGES =
      GivenFields.<Map<String, Object>>of()
          .field(COMMENT, (r, v) -> r.put("comment", v))
          .field(OWNER, (r, v) -> r.put("owner", v))
          .field(SIZE, (r, v) -> r.put("size", v));

  @Test
  void onlyGivenFieldsAreSet() {
    Map<String, Object> sent =
        CHANGES.apply(new Args(Map.of("owner", "bob")), new LinkedHashMap<>(Map.of("id", 1)));

    assertThat(sent).containsExactlyInAnyOrderEntriesOf(Map.of("id", 1, "owner", "bob"));
  }

  @Test
  void aDefaultIsNotSentWhenTheFieldWasNotGiven() {
    assertThat(CHANGES.apply(new Args(Map.of("comment", "c")), new LinkedHashMap<>()))
        .containsOnlyKeys("comment");
    assertThat(CHANGES.apply(new Args(Map.of("size", 7)), new LinkedHashMap<>()))
        .containsExactly(Map.entry("size", 7));
  }

  @Test
  void aNullCountsAsNotGiven() {
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("comment", null);
    raw.put("owner", "bob");
    assertThat(CHANGES.given(new Args(raw))).containsExactly("owner");
  }

  @Test
  void requireAnyNamesTheFieldsWhenNoneIsGiven() {
    assertThatThrownBy(() -> CHANGES.requireAny(new Args(Map.of())))
        .isInstanceOfSatisfying(
            ToolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
              assertThat(e.details()).containsEntry("field", "comment");
              assertThat(e.getMessage())
                  .isEqualTo("comment: give comment and/or owner and/or size to change");
            });
  }

  @Test
  void requireAnyPassesWithAnyOneField() {
    CHANGES.requireAny(new Args(Map.of("size", 1)));
    CHANGES.requireAny(new Args(Map.of("comment", "x", "owner", "y")));
    GivenFields.<Object>of().requireAny(new Args(Map.of()));
    assertThat(CHANGES.given(new Args(Map.of("comment", "x", "owner", "y"))))
        .containsExactly("comment", "owner");
  }

  @Test
  void givenValuesAreChecked() {
    assertThatThrownBy(() -> CHANGES.apply(new Args(Map.of("size", 11)), new LinkedHashMap<>()))
        .isInstanceOf(ToolException.class)
        .hasMessage("size: must be between 1 and 10 (got 11)");
  }

  @Test
  void eachFieldMakesANewDeclaration() {
    GivenFields<Map<String, Object>> none = GivenFields.of();
    GivenFields<Map<String, Object>> one = none.field(OWNER, (r, v) -> r.put("owner", v));

    assertThat(none.params()).isEmpty();
    assertThat(one.params()).containsExactly(OWNER);
    assertThat(one.apply(new Args(Map.of("owner", "o")), new LinkedHashMap<>()))
        .containsExactly(Map.entry("owner", "o"));
  }

  @Test
  void theFieldsAreOptionalParams() {
    assertThat(CHANGES.params()).containsExactly(COMMENT, OWNER, SIZE);
    assertThatThrownBy(() -> GivenFields.<Object>of().field(COMMENT.required(), (r, v) -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
