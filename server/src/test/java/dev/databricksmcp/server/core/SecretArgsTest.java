package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A parameter declared secret never reaches what the server writes: the audit copy of the arguments
 * has {@code [REDACTED]} in its place and nothing else changed; its value, once hidden, is masked
 * by the redactor wherever it appears; arguments not declared secret are neither masked nor
 * registered.
 */
class SecretArgsTest {
  private static final Map<String, Object> SCHEMA =
      Schema.of(
              Param.string("scope", "Scope"),
              Param.string("value", "The secret value").secret(),
              Param.string("comment", "Comment"))
          .build();

  private static Map<String, Object> args(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void theSecretArgumentIsMaskedAndTheOthersKept() {
    Map<String, Object> given = args("scope", "team", "value", "hunter2-canary", "comment", "c");
    assertThat(SecretArgs.masked(SCHEMA, given))
        .containsExactly(
            Map.entry("scope", "team"),
            Map.entry("value", "[REDACTED]"),
            Map.entry("comment", "c"));
    assertThat(given).containsEntry("value", "hunter2-canary");
    assertThat(SecretArgs.masked(SCHEMA, args("scope", "team")))
        .containsExactly(Map.entry("scope", "team"));
  }

  @Test
  void aSchemaWithoutSecretsMasksNothing() {
    Map<String, Object> open = Schema.of(Param.string("value", "Not secret here")).build();
    assertThat(SecretArgs.masked(open, args("value", "x"))).containsEntry("value", "x");
    assertThat(SecretArgs.masked(Map.of(), args("value", "x"))).containsEntry("value", "x");
  }

  @Test
  void aHiddenValueIsRedactedWhereverItAppearsAndAnOrdinaryOneIsNot() {
    String secret = "canary-" + UUID.randomUUID();
    String ordinary = "ordinary-" + UUID.randomUUID();
    SecretArgs.hide(SCHEMA, args("scope", ordinary, "value", secret));
    assertThat(Redactor.redact("error: put " + secret + " failed")).doesNotContain(secret);
    assertThat(Redactor.redact("scope " + ordinary)).contains(ordinary);
    SecretArgs.hide(SCHEMA, args("value", null));
  }
}
