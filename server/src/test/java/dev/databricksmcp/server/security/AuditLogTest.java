package dev.databricksmcp.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.UserAnswer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One JSON line per call, with outcome and error code, and no sensitive value. */
class AuditLogTest {
  private static final ToolDef PUT =
      ToolDef.builder("admin", "put_thing")
          .title("Put")
          .description("Stores a value.")
          .input(
              Schema.object()
                  .string("key", "Name", true)
                  .string("string_value", "Secret value", true))
          .hints(ToolHints.write(true))
          .handler(
              (args, ctx) -> {
                if (args.string("key").equals("bad")) {
                  throw new ToolException(ErrorCode.NOT_FOUND, "scope missing");
                }
                return ToolResult.of("ok", "stored");
              })
          .build();

  @Test
  void everyCallWritesOneRedactedLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("audit.jsonl");
    try (AuditLog audit = AuditLog.toFile(file)) {
      var invoker = CallPolicies.invoker(false, SecuritySettings.defaults(), audit);
      FakeContext ctx = new FakeContext("alice@example.com", UserAnswer.UNSUPPORTED);
      invoker.invoke(PUT, Map.of("key", "k1", "string_value", "hunter2-very-secret"), ctx);
      invoker.invoke(PUT, Map.of("key", "bad", "string_value", "hunter2-very-secret"), ctx);
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(String.join("\n", lines)).doesNotContain("hunter2");
    JsonNode ok = Jsons.MAPPER.readTree(lines.get(0));
    JsonNode failed = Jsons.MAPPER.readTree(lines.get(1));
    assertThat(ok.get("principal").asText()).isEqualTo("alice@example.com");
    assertThat(ok.get("tool").asText()).isEqualTo("put_thing");
    assertThat(ok.get("outcome").asText()).isEqualTo("success");
    assertThat(ok.get("args").get("key").asText()).isEqualTo("k1");
    assertThat(ok.get("args").get("string_value").asText()).isEqualTo("[REDACTED]");
    assertThat(ok.get("correlation_id").asText()).isNotBlank();
    assertThat(ok.has("duration_ms")).isTrue();
    assertThat(failed.get("outcome").asText()).isEqualTo("error");
    assertThat(failed.get("error_code").asText()).isEqualTo("NOT_FOUND");
  }
}
