package dev.databricksmcp.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MCP Inspector's CLI (@modelcontextprotocol/inspector --cli) against the packaged server on
 * the sandbox, over stdio (Inspector launches the jar) and over Streamable HTTP: list the tools,
 * list catalogs, run a query with a known answer, and get a validation error.
 */
class InspectorCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSPECTOR =
      "node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js";
  private static String node;
  private static PackagedServer http;

  @BeforeAll
  static void start() throws Exception {
    node = NodeClients.ensureInstalled();
    http = PackagedServer.http("inspector-http-server");
  }

  @AfterAll
  static void stop() {
    if (http != null) {
      http.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"stdio", "http"})
  void listsEveryToolWithAnnotations(String transport) throws Exception {
    JsonNode result = inspector(transport, 0, "--method", "tools/list");
    List<String> names =
        StreamSupport.stream(result.get("tools").spliterator(), false)
            .map(t -> t.get("name").asText())
            .toList();
    assertThat(names)
        .contains(
            "get_workspace_info", "list_catalogs", "get_table", "execute_sql", "get_statement")
        .hasSizeGreaterThanOrEqualTo(40);
    JsonNode executeSql =
        StreamSupport.stream(result.get("tools").spliterator(), false)
            .filter(t -> t.get("name").asText().equals("execute_sql"))
            .findFirst()
            .orElseThrow();
    assertThat(executeSql.at("/inputSchema/required").toString()).contains("statement");
    assertThat(executeSql.at("/annotations/readOnlyHint").asBoolean()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"stdio", "http"})
  void listsTheSandboxCatalogs(String transport) throws Exception {
    JsonNode result =
        inspector(transport, 0, "--method", "tools/call", "--tool-name", "list_catalogs");
    assertThat(result.get("isError").asBoolean()).isFalse();
    List<String> catalogs =
        StreamSupport.stream(result.at("/structuredContent/data/items").spliterator(), false)
            .map(c -> c.get("name").asText())
            .toList();
    assertThat(catalogs).contains("main", "samples", "system");
    assertThat(result.at("/structuredContent/count").asInt()).isEqualTo(catalogs.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"stdio", "http"})
  void runsAQueryWithAKnownAnswer(String transport) throws Exception {
    JsonNode result =
        inspector(
            transport,
            0,
            "--method",
            "tools/call",
            "--tool-name",
            "execute_sql",
            "--tool-arg",
            "statement=SELECT count(*) AS trips FROM samples.nyctaxi.trips");
    assertThat(result.at("/structuredContent/success").asBoolean()).isTrue();
    assertThat(result.at("/structuredContent/data/state").asText()).isEqualTo("SUCCEEDED");
    assertThat(result.at("/structuredContent/data/rows/0/0").asLong()).isEqualTo(21_932L);
    assertThat(result.at("/content/0/text").asText()).contains("| 21932 |");
  }

  @ParameterizedTest
  @ValueSource(strings = {"stdio", "http"})
  void reportsAValidationErrorNamingTheField(String transport) throws Exception {
    // the Inspector exits non-zero (5) when a tool answers isError, and still prints the result
    JsonNode result =
        inspector(
            transport,
            5,
            "--method",
            "tools/call",
            "--tool-name",
            "get_table",
            "--tool-arg",
            "full_name=not_three_parts");
    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(result.at("/structuredContent/error_code").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(result.at("/structuredContent/details/field").asText()).isEqualTo("full_name");
  }

  private static JsonNode inspector(String transport, int expectedExit, String... args)
      throws Exception {
    List<String> command =
        new ArrayList<>(List.of(node, INSPECTOR, "--cli", "-e", "LOG_LEVEL=warn"));
    if (transport.equals("stdio")) {
      command.addAll(PackagedServer.stdioCommand());
    } else {
      command.add(http.url());
    }
    command.addAll(List.of(args));
    NodeClients.Run run =
        NodeClients.run(command, Map.of(), Duration.ofMinutes(2), "inspector " + transport, false);
    assertThat(run.exitCode())
        .as("inspector exit code; output:%n%s", run.output())
        .isEqualTo(expectedExit);
    // the first JSON value on stdout is the method's result
    JsonNode result =
        JSON.readerFor(JsonNode.class).readValues(run.output()).next() instanceof JsonNode n
            ? n
            : null;
    System.out.println(
        "[inspector " + transport + "] " + String.join(" ", args) + " → " + summary(result));
    return result;
  }

  private static String summary(JsonNode result) {
    if (result == null) {
      return "no result";
    }
    if (result.has("tools")) {
      return result.get("tools").size() + " tools";
    }
    JsonNode body = result.get("structuredContent");
    return body == null
        ? result.toString()
        : body.get("success").asBoolean()
            ? "success: " + body.get("message").asText()
            : "error " + body.get("error_code").asText() + ": " + body.get("error").asText();
  }
}
