package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The envelope decides from the data's JSON text whether any string needs cleaning or redaction;
 * what it returns must be what making every string safe one by one returns, whatever the strings
 * hold and however JSON escapes them.
 */
class EnvelopeFastPathTest {
  private static final String QUOTED_SECRET = "pw\"with\\quote-4711";

  static {
    Redactor.registerSecret("plain-Secret-0815");
    Redactor.registerSecret(QUOTED_SECRET);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain text, nothing to do",
        "Zürich — 東京\ttab\nnewline\rreturn",
        "back\bspace",
        "form\ffeed",
        "bell\u0007",
        "del\u007F",
        "c1\u0085control",
        "zero\u200Bwidth",
        "bidi\u202Eoverride",
        "tag\uDB40\uDC41char",
        "a \\b literal backslash-b, \\u0041 and \\\\",
        "password=hunter22",
        "Authorization: Bearer abcdefgh12345678",
        "dapi0123456789abcdef",
        "the plain-Secret-0815 here",
        "the " + QUOTED_SECRET + " here",
        "quotes \" and slashes / stay",
      })
  void everyStringComesOutAsIfMadeSafeOneByOne(String text) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", "trips");
    data.put("value", text);
    data.put(text, "as a key");
    data.put("list", List.of(1, true, text, Map.of("nested", text)));
    assertSameAsOneByOne(data);
  }

  @Test
  void randomTreesComeOutAsIfMadeSafeOneByOne() {
    String[] pieces = {
      "a",
      "Z",
      " ",
      "_",
      "\\",
      "\"",
      "/",
      "\b",
      "\f",
      "\t",
      "\u0001",
      "\u007F",
      "\u200B",
      "é",
      "東",
      "\uDB40\uDC41",
      "toKen",
      "=",
      ":",
      "secret",
      "BEARER ",
      "abcdefgh12345678",
      "dapi",
      "0123456789ab",
      "eyJ",
      "plain-Secret-0815",
      QUOTED_SECRET,
      "api_KEY"
    };
    Random random = new Random(7);
    for (int round = 0; round < 500; round++) {
      Map<String, Object> data = new LinkedHashMap<>();
      for (int field = 0; field < 3; field++) {
        data.put(randomText(random, pieces), randomText(random, pieces));
      }
      data.put("rows", List.of(randomText(random, pieces), random.nextInt()));
      assertSameAsOneByOne(data);
    }
  }

  private static String randomText(Random random, String[] pieces) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(4); i > 0; i--) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  private static void assertSameAsOneByOne(Map<String, Object> data) {
    Object expected =
        UntrustedText.mapStrings(Jsons.toTree(data), s -> Redactor.redact(UntrustedText.clean(s)));
    CallToolResult result = Envelope.success(ToolResult.of(data, "done"));
    assertThat(((Map<?, ?>) result.structuredContent()).get("data")).isEqualTo(expected);
    String text = ((TextContent) result.content().get(0)).text();
    assertThat(text).contains("\n" + Jsons.write(expected) + "\n");
    List<String> leaks = new ArrayList<>();
    for (String secret : List.of("plain-Secret-0815", QUOTED_SECRET, "hunter22")) {
      if (Jsons.write(result.structuredContent()).contains(Jsons.write(secret).replace("\"", ""))
          || text.contains(secret)) {
        leaks.add(secret);
      }
    }
    assertThat(leaks).isEmpty();
  }
}
