package dev.databricksmcp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.testing.TestTools;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * One behavioural suite, run over every transport with the MCP SDK's own client: each subclass only
 * says how to start a server and connect to it.
 *
 * <p>One server and client per mode (read-only or not) for the whole class, not one per test: no
 * test here depends on a fresh server, and over stdio each server is a JVM of its own (nine of them
 * took most of the class's time). The stuck tool's test leaves a handler blocked for a few seconds
 * and asserts the same client is still answered, which is what the tests after it see too.
 */
@Timeout(90)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndContract {
  private final Map<Boolean, McpSyncClient> clients = new HashMap<>();
  protected final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();

  /** A client transport to a fresh server over {@link TestTools}. */
  protected abstract McpClientTransport transport(boolean readOnly) throws Exception;

  /** Whether the transport keeps a session (progress notifications need one). */
  protected boolean sessions() {
    return true;
  }

  /** Stops every server {@link #transport} started. */
  protected void stopServers() {}

  /** The class's client to a server in this mode, started and initialized on first use. */
  private McpSyncClient connect(boolean readOnly) throws Exception {
    McpSyncClient client = clients.get(readOnly);
    if (client == null) {
      client =
          McpClient.sync(transport(readOnly))
              .requestTimeout(Duration.ofSeconds(30))
              .progressConsumer(progress::add)
              .build();
      client.initialize();
      clients.put(readOnly, client);
    }
    return client;
  }

  @AfterAll
  void close() {
    clients.values().forEach(McpSyncClient::closeGracefully);
    stopServers();
  }

  @Test
  void initializeNamesTheServer() throws Exception {
    McpSyncClient c = connect(false);
    assertThat(c.getServerInfo().name()).isEqualTo("databricks-mcp");
    assertThat(c.getServerInfo().version()).isNotBlank();
    assertThat(c.getServerCapabilities().tools()).isNotNull();
  }

  @Test
  void toolsListCarriesSchemasAndAnnotations() throws Exception {
    List<McpSchema.Tool> tools = connect(false).listTools().tools();

    assertThat(tools)
        .extracting(McpSchema.Tool::name)
        .containsExactlyInAnyOrder("echo", "fail", "write_thing", "slow", "stuck");
    McpSchema.Tool echo =
        tools.stream().filter(t -> t.name().equals("echo")).findFirst().orElseThrow();
    assertThat(echo.annotations().readOnlyHint()).isTrue();
    assertThat(echo.annotations().destructiveHint()).isFalse();
    assertThat(echo.inputSchema()).containsEntry("type", "object");
    assertThat(echo.inputSchema().get("required")).isEqualTo(List.of("name"));
  }

  @Test
  void aSuccessfulCallReturnsTheEnvelope() throws Exception {
    CallToolResult result =
        connect(false).callTool(new CallToolRequest("echo", Map.of("name", "hello")));

    assertThat(result.isError()).isFalse();
    assertThat(body(result))
        .containsEntry("success", true)
        .containsEntry("count", 1)
        .containsEntry("message", "echoed hello");
    assertThat(body(result).get("data")).isEqualTo(List.of(Map.of("name", "hello")));
    assertThat(text(result)).contains("echoed hello").contains("\"name\":\"hello\"");
  }

  @Test
  void validationErrorsNameTheField() throws Exception {
    McpSyncClient c = connect(false);

    CallToolResult missing = c.callTool(new CallToolRequest("echo", Map.of()));
    CallToolResult wrongType =
        c.callTool(new CallToolRequest("echo", Map.of("name", "x", "count", "many")));
    CallToolResult outOfRange =
        c.callTool(new CallToolRequest("echo", Map.of("name", "x", "count", 99)));
    CallToolResult unknown =
        c.callTool(new CallToolRequest("echo", Map.of("name", "x", "colour", "red")));

    assertValidation(missing, "name");
    assertValidation(wrongType, "count");
    assertValidation(outOfRange, "count");
    assertValidation(unknown, "colour");
  }

  @Test
  void unknownArgumentsComeFirstWithTheClosestNameAndPlainStringsAreCoerced() throws Exception {
    McpSyncClient c = connect(false);

    // 'name' is missing too: the unknown argument is what the model must fix first
    CallToolResult unknown = c.callTool(new CallToolRequest("echo", Map.of("nmae", "x")));
    CallToolResult coerced =
        c.callTool(new CallToolRequest("echo", Map.of("name", "x", "count", "3")));
    CallToolResult notPlain =
        c.callTool(new CallToolRequest("echo", Map.of("name", "x", "count", "3.5")));
    CallToolResult outOfRange =
        c.callTool(new CallToolRequest("echo", Map.of("name", "x", "count", "99")));

    assertValidation(unknown, "nmae");
    assertThat(body(unknown))
        .containsEntry("error", "nmae: unknown argument 'nmae'; did you mean 'name'?");
    assertThat(((Map<?, ?>) body(unknown).get("details")).get("did_you_mean")).isEqualTo("name");
    assertThat(text(unknown)).contains("did you mean 'name'?");
    assertThat(coerced.isError()).isFalse();
    assertValidation(notPlain, "count");
    assertThat(body(notPlain)).containsEntry("error", "count: must be a whole number (got '3.5')");
    assertValidation(outOfRange, "count");
  }

  @Test
  void aThrowingToolBecomesAnInternalErrorEnvelopeWithoutItsMessage() throws Exception {
    CallToolResult result = connect(false).callTool(new CallToolRequest("fail", Map.of()));

    assertThat(result.isError()).isTrue();
    assertThat(body(result))
        .containsEntry("success", false)
        .containsEntry("error_code", "INTERNAL_ERROR");
    assertThat(text(result) + body(result))
        .doesNotContain("hunter2")
        .doesNotContain("/internal/path")
        .doesNotContain("at dev.");
    assertThat(((Map<?, ?>) body(result).get("details")).get("correlation_id")).isNotNull();
  }

  @Test
  void readOnlyModeRefusesWritesEvenWhenATestListsThem() throws Exception {
    McpSyncClient c = connect(true);

    assertThat(c.listTools().tools()).extracting(McpSchema.Tool::name).contains("write_thing");
    CallToolResult result = c.callTool(new CallToolRequest("write_thing", Map.of()));
    assertThat(body(result)).containsEntry("error_code", "READ_ONLY");
  }

  @Test
  void progressNotificationsReachAClientThatAskedForThem() throws Exception {
    McpSyncClient c = connect(false);
    progress.clear();
    CallToolResult result =
        c.callTool(
            new CallToolRequest("slow", Map.of("millis", 300), Map.of("progressToken", "p-1")));

    assertThat(result.isError()).isFalse();
    if (sessions()) {
      // sent before the result on the same stream, but the client hands notifications to its
      // consumer asynchronously, each on its own task: the last may land after callTool returns,
      // and two may be handed over out of order on a busy machine
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (progress.stream().noneMatch(p -> "step 3".equals(p.message()))
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(progress).isNotEmpty();
      assertThat(progress).allSatisfy(p -> assertThat(p.progressToken()).isEqualTo("p-1"));
      assertThat(progress).extracting(p -> p.message()).contains("step 3");
    }
  }

  @Test
  void aToolStuckPastItsDeadlineIsAnsweredTimeoutOnTime() throws Exception {
    McpSyncClient c = connect(false);
    long start = System.nanoTime();
    CallToolResult result = c.callTool(new CallToolRequest("stuck", Map.of()));
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(body(result)).containsEntry("error_code", "TIMEOUT");
    // the handler blocks for 5 s and ignores its interrupt: the answer comes from the deadline, not
    // from it
    assertThat(elapsedMs).isLessThan(4_000);
    assertThat(c.callTool(new CallToolRequest("echo", Map.of("name", "after"))).isError())
        .isFalse();
  }

  private static void assertValidation(CallToolResult result, String field) {
    assertThat(result.isError()).isTrue();
    assertThat(body(result)).containsEntry("error_code", "VALIDATION_ERROR");
    assertThat((String) body(result).get("error")).startsWith(field + ":");
    assertThat(((Map<?, ?>) body(result).get("details")).get("field")).isEqualTo(field);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> body(CallToolResult result) {
    return (Map<String, Object>) result.structuredContent();
  }

  static String text(CallToolResult result) {
    return ((TextContent) result.content().get(0)).text();
  }
}
