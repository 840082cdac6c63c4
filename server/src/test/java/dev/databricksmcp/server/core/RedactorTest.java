package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of credential the Redactor knows is masked, whatever its letter case and wherever it
 * sits.
 */
class RedactorTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Authorization: Bearer abc.def.ghi-secret-value",
        "AUTHORIZATION=basic dXNlcjpwYXNzd29yZA==",
        "header authorization : sekrit-value-here",
        "sent bEaReR abcdefgh12345678 to the API",
        "token dapi0123456789abcdef0123456789abcdef was rejected",
        "oauth secret dose0123456789abcdef leaked",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl in a message",
        "{\"client_secret\": \"abc123-very-secret\"}",
        "ACCESS_TOKEN=xyz987654",
        "refresh_token:zzzzzzzz",
        "Password = hunter22",
        "API_KEY: key-0123",
        "the Secret=s3cr3t",
      })
  void credentialsAreMasked(String text) {
    String redacted = Redactor.redact(text);
    assertThat(redacted).contains("[REDACTED]");
    for (String secret :
        new String[] {
          "abc.def.ghi-secret-value",
          "dXNlcjpwYXNzd29yZA==",
          "sekrit-value-here",
          "abcdefgh12345678",
          "dapi0123456789abcdef",
          "dose0123456789abcdef",
          "eyJhbGciOiJIUzI1NiJ9",
          "abc123-very-secret",
          "xyz987654",
          "zzzzzzzz",
          "hunter22",
          "key-0123",
          "s3cr3t"
        }) {
      assertThat(redacted).doesNotContain(secret);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"audit\":\"tool_call\",\"tool\":\"get_table\",\"args\":{\"full_name\":\"samples.nyctaxi.trips\"}}",
        "Table 'main.default.dapper' does not exist.",
        "Zürich — 東京",
        "",
      })
  void ordinaryTextIsLeftAlone(String text) {
    assertThat(Redactor.redact(text)).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"prefix ", "AUTHORIZATION ", "token=", "\u212A "})
  void aRegisteredSecretIsMaskedAnywhere(String prefix) {
    Redactor.registerSecret("registered-Secret-4711");
    assertThat(Redactor.redact(prefix + "registered-Secret-4711 suffix"))
        .doesNotContain("registered-Secret-4711");
  }

  @Test
  void aForwardedTokenIsMaskedInEveryLineAfterItWasSeen() {
    String token = "forwarded-" + UUID.randomUUID();
    Redactor.registerCallerSecret(token);

    assertThat(Redactor.redact("GET /api/2.1/unity-catalog/catalogs?t=" + token + "&x=1"))
        .isEqualTo("GET /api/2.1/unity-catalog/catalogs?t=[REDACTED]&x=1");
    assertThat(Redactor.redact("{\"error\":\"bad " + token + "\"}"))
        .isEqualTo("{\"error\":\"bad [REDACTED]\"}");
    assertThat(Redactor.redact("later: x" + token + "y")).isEqualTo("later: x[REDACTED]y");
  }

  @Test
  void aConfiguredSecretIsMaskedInsideALongerWord() {
    String secret = "Configured" + UUID.randomUUID();
    Redactor.registerSecret(secret);

    assertThat(Redactor.redact("jdbc:x;pwd=" + secret + "Tail;"))
        .isEqualTo("jdbc:x;pwd=[REDACTED]Tail;");
  }

  @Test
  void whatNamesAMaskedValueStaysSoTheReaderSeesWhatWasMasked() {
    assertThat(Redactor.redact("password=hunter22 user=bob"))
        .isEqualTo("password=[REDACTED] user=bob");
    assertThat(Redactor.redact("{\"client_secret\": \"abc123\"}"))
        .isEqualTo("{\"client_secret\": \"[REDACTED]\"}");
    assertThat(Redactor.redact("Authorization: Bearer abc.def.ghi"))
        .isEqualTo("Authorization: [REDACTED]");
    assertThat(Redactor.redact("sent dapi0123456789abcdef")).isEqualTo("sent [REDACTED]");
  }

  /** The one-pass word search finds what a search of the lower-cased text finds. */
  @Test
  void theWordSearchFindsEveryTriggerWordInAnyAsciiCase() {
    String[] words = {
      "authorization", "bearer", "dapi", "dose", "eyj", "token", "password", "secret", "api_key"
    };
    String[] pieces = {
      "to",
      "KEN",
      "ToK",
      "en",
      "au",
      "THORIZATION",
      "api_",
      "Key",
      "Bea",
      "rer",
      "da",
      "PI",
      "dO",
      "se",
      "eyJ",
      "SECRET",
      "pass",
      "Word",
      "é",
      "東",
      "\u212A",
      "_",
      " ",
      "x",
      "\uDB40\uDC41"
    };
    java.util.Random random = new java.util.Random(11);
    for (int round = 0; round < 5_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(7); i > 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String s = text.toString();
      StringBuilder lower = new StringBuilder();
      s.chars().forEach(c -> lower.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c)));
      long found = Redactor.wordsIn(s);
      for (int w = 0; w < words.length; w++) {
        assertThat((found & (1L << w)) != 0)
            .as("%s in %s", words[w], s)
            .isEqualTo(lower.toString().contains(words[w]));
      }
    }
  }

  @Test
  void noTextStaysNoText() {
    assertThat(Redactor.redact(null)).isNull();
    assertThat(Redactor.redact("")).isEmpty();
  }
}
