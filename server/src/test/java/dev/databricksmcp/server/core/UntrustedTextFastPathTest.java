package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pre-check that lets clean text skip the regex never lets through a character the regex
 * removes.
 */
class UntrustedTextFastPathTest {
  @Test
  void everyCodePointTheRegexRemovesIsCaughtByThePreCheck() {
    List<String> missed = new ArrayList<>();
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      String s = "a" + Character.toString(cp) + "b";
      boolean regexRemoves = UntrustedText.HIDDEN.matcher(s).find();
      if (regexRemoves && !UntrustedText.mayHaveHidden(s)) {
        missed.add(Integer.toHexString(cp));
      }
    }
    assertThat(missed).isEmpty();
    assertThat(UntrustedText.clean("a\uDB40\uDC41b")).isEqualTo("ab");
  }

  @Test
  void cleanTextKeepsItsIdentityAndTreesAreCopiedOnlyWhereSomethingChanged() {
    String plain = "Zürich — 東京\ttab";
    assertThat(UntrustedText.clean(plain)).isSameAs(plain);

    Map<String, Object> untouched = new LinkedHashMap<>();
    untouched.put("name", "trips");
    untouched.put("columns", List.of(Map.of("name", "fare"), Map.of("name", "tip")));
    assertThat(UntrustedText.cleanTree(untouched)).isSameAs(untouched);

    Map<String, Object> dirty = new LinkedHashMap<>();
    dirty.put("name", "trips");
    dirty.put("comment", "hid\u200Bden");
    dirty.put("tags", List.of("ok", "b\u202Ead"));
    dirty.put("count", 3);
    Object cleaned = UntrustedText.cleanTree(dirty);
    assertThat(cleaned)
        .isNotSameAs(dirty)
        .isEqualTo(
            Map.of("name", "trips", "comment", "hidden", "tags", List.of("ok", "bad"), "count", 3));
    assertThat(List.copyOf(((Map<?, ?>) cleaned).keySet()))
        .isEqualTo(List.of("name", "comment", "tags", "count"));
    assertThat(dirty.get("comment")).isEqualTo("hid\u200Bden");
  }

  @Test
  void hiddenCharactersInKeysAreRemovedToo() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put("a", 1);
    map.put("b\u200Bc", 2);
    assertThat(UntrustedText.cleanTree(map)).isEqualTo(Map.of("a", 1, "bc", 2));
  }
}
