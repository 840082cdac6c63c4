package dev.databricksmcp.server.tools.files;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.data;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.service.files.ReadDbfsRequest;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The DBFS tools against the sandbox through the real SDK: writes small and in blocks, reads in
 * ranges as text or base64, listing with pages, move, confirmed deletes that count what goes, and
 * the answers for bad paths, a missing path and an existing file without overwrite.
 */
@Timeout(120)
class DbfsToolsTest {
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static Map<String, Object> ok(CallToolResult r) {
    assertThat(r.isError()).as(String.valueOf(body(r))).isFalse();
    return data(r);
  }

  private static String message(CallToolResult r) {
    return String.valueOf(body(r).get("message"));
  }

  private static void write(String path, String content) {
    ok(fx.call("write_dbfs_file", Map.of("path", path, "content", content)));
  }

  @Test
  void writeThenReadTextInRanges() {
    write("dbfs:/t/read/a.txt", "hello, world");
    Map<String, Object> all = ok(fx.call("read_dbfs_file", Map.of("path", "/t/read/a.txt")));
    assertThat(all)
        .containsEntry("encoding", "text")
        .containsEntry("content", "hello, world")
        .containsEntry("size", 12)
        .containsEntry("truncated", false);
    CallToolResult part =
        fx.call("read_dbfs_file", Map.of("path", "/t/read/a.txt", "offset", 2, "length", 3));
    assertThat(ok(part))
        .containsEntry("content", "llo")
        .containsEntry("truncated", true)
        .containsEntry("next_offset", 5);
    assertThat(message(part)).contains("offset=5");
    CallToolResult existing =
        fx.call("write_dbfs_file", Map.of("path", "/t/read/a.txt", "content", "x"));
    assertThat(errorCode(existing)).isEqualTo("CONFLICT");
    assertThat(String.valueOf(body(existing).get("error"))).contains("overwrite=true");
    ok(
        fx.call(
            "write_dbfs_file", Map.of("path", "/t/read/a.txt", "content", "x", "overwrite", true)));
    assertThat(ok(fx.call("read_dbfs_file", Map.of("path", "/t/read/a.txt"))))
        .containsEntry("content", "x");
  }

  @Test
  void binaryIsBase64BothWays() {
    byte[] bytes = {0, 1, 2, (byte) 0xff};
    String b64 = Base64.getEncoder().encodeToString(bytes);
    ok(
        fx.call(
            "write_dbfs_file", Map.of("path", "/t/bin/b", "content", b64, "encoding", "base64")));
    assertThat(ok(fx.call("read_dbfs_file", Map.of("path", "/t/bin/b"))))
        .containsEntry("encoding", "base64")
        .containsEntry("content", b64);
    CallToolResult bad =
        fx.call(
            "write_dbfs_file",
            Map.of("path", "/t/bin/c", "content", "not base64!", "encoding", "base64"));
    assertThat(errorCode(bad)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(bad).get("error"))).startsWith("content");
  }

  @Test
  void aFileOverOneMegabyteIsWrittenInBlocks() {
    String big = "x".repeat(2 * 1024 * 1024 + 5);
    Map<String, Object> w =
        ok(fx.call("write_dbfs_file", Map.of("path", "/t/big.txt", "content", big)));
    assertThat(w).containsEntry("size", big.length());
    var tail =
        fx.adminClient()
            .dbfs()
            .read(new ReadDbfsRequest().setPath("/t/big.txt").setOffset((long) big.length() - 3));
    assertThat(tail.getBytesRead()).isEqualTo(3L);
  }

  @Test
  void listPagesAndStatus() {
    for (int i = 0; i < 3; i++) {
      write("/t/list/f" + i, "x");
    }
    CallToolResult first = fx.call("list_dbfs", Map.of("path", "/t/list", "max_results", 2));
    assertThat((List<?>) ok(first).get("items")).hasSize(2);
    String token = String.valueOf(data(first).get("next_page_token"));
    CallToolResult second =
        fx.call("list_dbfs", Map.of("path", "/t/list", "max_results", 2, "page_token", token));
    assertThat((List<?>) ok(second).get("items")).hasSize(1);
    assertThat(ok(fx.call("get_dbfs_status", Map.of("path", "/t/list"))))
        .containsEntry("is_directory", true);
    assertThat(ok(fx.call("list_dbfs", Map.of())).get("items").toString())
        .contains("databricks-datasets");
  }

  @Test
  void moveAndMkdirs() {
    write("/t/mv/a", "a");
    ok(fx.call("create_dbfs_directory", Map.of("path", "/t/mv/d/e")));
    ok(
        fx.call(
            "move_dbfs_path", Map.of("source_path", "/t/mv/a", "destination_path", "/t/mv/d/e/a")));
    assertThat(errorCode(fx.call("get_dbfs_status", Map.of("path", "/t/mv/a"))))
        .isEqualTo("NOT_FOUND");
    assertThat(
            errorCode(
                fx.call(
                    "move_dbfs_path",
                    Map.of("source_path", "/t/mv/d", "destination_path", "/t/mv/d/e/a"))))
        .isIn("CONFLICT", "ALREADY_EXISTS");
  }

  @Test
  void aRecursiveDeleteIsConfirmedWithTheCountOfWhatGoes() {
    write("/t/del/a", "a");
    write("/t/del/sub/b", "b");
    CallToolResult refused = fx.call("delete_dbfs_path", Map.of("path", "/t/del"));
    assertThat(errorCode(refused)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(refused).get("error"))).startsWith("recursive");

    Map<String, Object> args = new HashMap<>(Map.of("path", "/t/del", "recursive", true));
    CallToolResult asked = fx.callConfirming("delete_dbfs_path", args);
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(String.valueOf(body(asked).get("error")))
        .contains("/t/del")
        .contains("3 files and directories");
    assertThat(ok(fx.call("get_dbfs_status", Map.of("path", "/t/del/a")))).isNotEmpty();
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) body(asked).get("details");
    args.put("confirmation_token", details.get("confirmation_token"));
    assertThat(ok(fx.callConfirming("delete_dbfs_path", args))).containsEntry("deleted", true);
    assertThat(errorCode(fx.call("get_dbfs_status", Map.of("path", "/t/del"))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void badPathsAreValidationErrorsNamingTheField() {
    for (String path : List.of("relative/x", "/a/../etc/passwd", "s3://bucket/x")) {
      CallToolResult r = fx.call("read_dbfs_file", Map.of("path", path));
      assertThat(errorCode(r)).as(path).isEqualTo("VALIDATION_ERROR");
      assertThat(String.valueOf(body(r).get("error"))).as(path).startsWith("path");
    }
    assertThat(errorCode(fx.call("read_dbfs_file", Map.of("path", "/no/such/file"))))
        .isEqualTo("NOT_FOUND");
    assertThat(errorCode(fx.call("read_dbfs_file", Map.of("path", "/t"))))
        .isIn("VALIDATION_ERROR", "NOT_FOUND");
  }
}
