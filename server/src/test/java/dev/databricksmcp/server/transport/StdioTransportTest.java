package dev.databricksmcp.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.mcp.McpServerFactory;
import dev.databricksmcp.server.testing.TestTools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** stdio: bad lines do not end the session, and end of input does not drop requests in flight. */
@Timeout(60)
class StdioTransportTest {
  private static final String INIT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
  private static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  /** Runs a server over the given input to its end and returns every line it wrote. */
  private static List<JsonNode> run(String... lines) throws Exception {
    return run(transport -> {}, new ByteArrayOutputStream(), lines);
  }

  private static List<JsonNode> run(
      Consumer<StdioTransport> setup, ByteArrayOutputStream out, String... lines) throws Exception {
    byte[] input = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    McpServerFactory factory =
        new McpServerFactory(
            TestTools.all(),
            new SharedWorkspaceProvider(new ConnectionSettings(null, "http://127.0.0.1:1", "t")),
            false);
    StdioTransport transport =
        new StdioTransport(McpServerFactory.JSON, new ByteArrayInputStream(input), out);
    setup.accept(transport);
    factory.stdio(transport);
    transport.run(Duration.ofSeconds(30));
    List<JsonNode> messages = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        messages.add(Jsons.MAPPER.readTree(line));
      }
    }
    return messages;
  }

  private static JsonNode byId(List<JsonNode> messages, int id) {
    return messages.stream()
        .filter(m -> m.path("id").asInt(-1) == id)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no answer to id " + id + " in " + messages));
  }

  @Test
  void aRequestStillRunningAtEndOfInputIsAnswered() throws Exception {
    List<JsonNode> out =
        run(
            INIT,
            INITIALIZED,
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\",\"arguments\":{\"millis\":1500}}}");

    JsonNode answer = byId(out, 2);
    assertThat(answer.at("/result/structuredContent/success").asBoolean()).isTrue();
    assertThat(answer.at("/result/structuredContent/data/slept_ms").asInt()).isEqualTo(1500);
  }

  @Test
  void theActionAfterToolsListedRunsOnceWithTheListAlreadyWritten() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> writtenWhenRun = new ArrayList<>();
    String list = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/list\"}";
    run(
        transport ->
            transport.afterToolsListed(
                () -> writtenWhenRun.add(out.toString(StandardCharsets.UTF_8))),
        out,
        INIT,
        INITIALIZED,
        list.formatted(2),
        list.formatted(3));

    assertThat(writtenWhenRun).hasSize(1);
    assertThat(writtenWhenRun.get(0)).contains("\"id\":2,\"result\":{\"tools\":[");
  }

  @Test
  void theActionAfterToolsListedWaitsForAToolsList() throws Exception {
    List<String> ran = new ArrayList<>();
    run(
        transport -> transport.afterToolsListed(() -> ran.add("ran")),
        new ByteArrayOutputStream(),
        INIT,
        INITIALIZED,
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");

    assertThat(ran).isEmpty();
  }

  @Test
  void aMalformedLineGetsAParseErrorAndTheSessionGoesOn() throws Exception {
    List<JsonNode> out =
        run(
            INIT,
            INITIALIZED,
            "this is {not json",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}");

    JsonNode parseError = out.stream().filter(m -> m.has("error")).findFirst().orElseThrow();
    assertThat(parseError.at("/error/code").asInt()).isEqualTo(-32700);
    assertThat(parseError.get("id").isNull()).isTrue();
    assertThat(byId(out, 3).at("/result/tools").size()).isEqualTo(TestTools.all().size());
  }

  @Test
  void validJsonThatIsNotJsonRpcIsAlsoAnsweredAndSurvived() throws Exception {
    List<JsonNode> out =
        run(
            INIT,
            INITIALIZED,
            "{\"hello\":\"world\"}",
            "[1,2]",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}");

    assertThat(out.stream().filter(m -> m.has("error")).count()).isEqualTo(2);
    assertThat(byId(out, 4).has("result")).isTrue();
  }

  @Test
  void anOverLongLineIsRefusedWithoutEndingTheSession() throws Exception {
    String huge =
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\",\"params\":{\"pad\":\""
            + "x".repeat(StdioTransport.MAX_LINE_BYTES)
            + "\"}}";
    List<JsonNode> out =
        run(INIT, INITIALIZED, huge, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}");

    assertThat(out.stream().anyMatch(m -> m.at("/error/code").asInt() == -32600)).isTrue();
    assertThat(out.stream().noneMatch(m -> m.path("id").asInt(-1) == 9)).isTrue();
    assertThat(byId(out, 5).has("result")).isTrue();
  }

  @Test
  void windowsLineEndingsAreAccepted() throws Exception {
    List<JsonNode> out =
        run(
            INIT + "\r",
            INITIALIZED + "\r",
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\"}\r");
    assertThat(byId(out, 6).has("result")).isTrue();
  }
}
