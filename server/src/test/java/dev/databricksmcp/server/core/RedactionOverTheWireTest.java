package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.databricks.sdk.service.iam.MeRequest;
import com.sun.net.httpserver.HttpServer;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import dev.databricksmcp.server.logging.RedactingMessageConverter;
import dev.databricksmcp.server.tools.workspace.WorkspaceToolset;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * A Databricks error body that echoes credentials, received by the real Databricks SDK over HTTP,
 * reaches neither the tool result nor the log.
 */
@Timeout(60)
class RedactionOverTheWireTest {
  private static final String OUR_TOKEN = "dapi-our-configured-token-0123456789";
  private static final String ECHOED = "dapi0123456789abcdef0123456789abcdef";

  private HttpServer server;

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void credentialsInAnErrorBodyAreRedacted() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              ("{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"token "
                      + ECHOED
                      + " (also "
                      + OUR_TOKEN
                      + ") lacks access; Authorization: Bearer "
                      + OUR_TOKEN
                      + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(
              exchange.getRequestURI().getPath().startsWith("/api/") ? 403 : 404, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    String host = "http://127.0.0.1:" + server.getAddress().getPort();
    SharedWorkspaceProvider provider =
        new SharedWorkspaceProvider(new ConnectionSettings(null, host, OUR_TOKEN));
    ToolDef me =
        ToolDef.builder(WorkspaceToolset.ID, "whoami_remote")
            .title("Who am I")
            .description("Calls SCIM Me through the SDK.")
            .hints(ToolHints.read())
            .handler(
                (args, ctx) ->
                    ToolResult.of(ctx.workspace().currentUser().me(new MeRequest()), "me"))
            .build();

    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root =
        ((LoggerContext) LoggerFactory.getILoggerFactory())
            .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    CallToolResult result;
    try {
      result = new ToolInvoker(false).invoke(me, Map.of(), new SimpleContext(provider));
    } finally {
      root.detachAppender(logs);
    }

    String everything = result.toString() + result.structuredContent();
    assertThat(result.isError()).isTrue();
    assertThat(((Map<?, ?>) result.structuredContent()).get("error_code"))
        .isEqualTo("PERMISSION_DENIED");
    assertThat(everything).doesNotContain(ECHOED).doesNotContain(OUR_TOKEN).contains("[REDACTED]");
    RedactingMessageConverter converter = new RedactingMessageConverter();
    for (ILoggingEvent event : logs.list) {
      assertThat(converter.convert(event)).doesNotContain(ECHOED).doesNotContain(OUR_TOKEN);
    }
  }

  /** The minimal context: the provider's client, no progress. */
  private record SimpleContext(SharedWorkspaceProvider provider) implements ToolContext {
    @Override
    public com.databricks.sdk.WorkspaceClient workspace() {
      return provider.client();
    }

    @Override
    public String correlationId() {
      return "t";
    }

    @Override
    public boolean readOnly() {
      return false;
    }

    @Override
    public void progress(double progress, Double total, String message) {}
  }
}
