package dev.databricksmcp.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.server.core.Redactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where replicas find the key that signs confirmation tokens, and what is refused. */
class ConfirmationKeyTest {
  private static final String KEY = "0123456789abcdef0123456789abcdef-shared";

  @Test
  void noKeyConfiguredMeansOnePerProcess() {
    assertThat(ConfirmationKey.fromEnvironment(Map.of())).isNull();
    assertThat(ConfirmationKey.fromEnvironment(Map.of(ConfirmationKey.ENV, "  "))).isNull();
  }

  @Test
  void theVariableWinsOverTheFileAndIsMaskedInOutput() {
    String unique = KEY + "-" + java.util.UUID.randomUUID();
    assertThat(Redactor.redact("key is " + unique)).contains(unique);
    byte[] key =
        ConfirmationKey.fromEnvironment(
            Map.of(
                ConfirmationKey.ENV,
                " " + unique + "\n",
                ConfirmationKey.FILE_ENV,
                "/nonexistent"));
    assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo(unique);
    assertThat(Redactor.redact("key is " + unique)).doesNotContain(unique);
  }

  @Test
  void onlyTheFirstLineOfTheFileIsTheKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("key");
    Files.writeString(file, "\n" + KEY + "\n");
    assertThatThrownBy(
            () ->
                ConfirmationKey.fromEnvironment(Map.of(ConfirmationKey.FILE_ENV, file.toString())))
        .hasMessageContaining("at least 32");
    Files.writeString(file, KEY);
    assertThat(
            new String(
                ConfirmationKey.fromEnvironment(Map.of(ConfirmationKey.FILE_ENV, file.toString())),
                StandardCharsets.UTF_8))
        .isEqualTo(KEY);
  }

  @Test
  void aFileGivesItsFirstLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("key");
    Files.writeString(file, KEY + "\nsecond line ignored\n");
    byte[] key = ConfirmationKey.fromEnvironment(Map.of(ConfirmationKey.FILE_ENV, file.toString()));
    assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo(KEY);
  }

  @Test
  void aShortKeyOrAnUnreadableFileStopsStartUp(@TempDir Path dir) throws Exception {
    assertThatThrownBy(
            () -> ConfirmationKey.fromEnvironment(Map.of(ConfirmationKey.ENV, "x".repeat(31))))
        .hasMessageContaining("at least 32");
    assertThat(ConfirmationKey.fromEnvironment(Map.of(ConfirmationKey.ENV, "x".repeat(32))))
        .hasSize(32);
    assertThatThrownBy(
            () ->
                ConfirmationKey.fromEnvironment(
                    Map.of(ConfirmationKey.FILE_ENV, dir.resolve("missing").toString())))
        .hasMessageContaining("cannot read");
  }
}
