package dev.databricksmcp.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The warm-up is only worth its thread if it builds what the first real answers need, in the mapper
 * the stdio transport uses; and it must never stop a server, whatever the mapper does.
 */
class ProtocolWarmUpTest {
  @Test
  void afterTheWarmUpTheWholeToolListIsWrittenWithSerializersAlreadyBuilt() throws Exception {
    ObjectMapper objects = new ObjectMapper();
    JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(objects);

    assertThat(ProtocolWarmUp.warm(json)).isTrue();
    int warmed = cachedSerializers(objects);
    json.writeValueAsString(
        new McpSchema.JSONRPCResponse(
            McpSchema.JSONRPC_VERSION, 2, new McpSchema.ListToolsResult(allTools(), null), null));

    assertThat(warmed).as("serializers the warm-up built").isPositive();
    assertThat(cachedSerializers(objects))
        .as("serializers tools/list for every toolset still had to build")
        .isEqualTo(warmed);
  }

  @Test
  void aMapperThatFailsEndsTheWarmUpQuietly() {
    assertThat(ProtocolWarmUp.warm(failingMapper())).isFalse();
  }

  @Test
  void theWarmUpRunsOnADaemonThreadTheServerNeverWaitsFor() throws Exception {
    Thread thread = ProtocolWarmUp.startInBackground();

    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).isEqualTo("protocol-warm-up");
    thread.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(thread.isAlive()).isFalse();
  }

  private static int cachedSerializers(ObjectMapper objects) {
    return ((DefaultSerializerProvider) objects.getSerializerProvider()).cachedSerializersCount();
  }

  private static List<McpSchema.Tool> allTools() {
    ToolSelection all = new ToolSelection(List.of("all"), Set.of(), Set.of(), false);
    return Toolsets.discovered().inventory(ServerSettings.of(all, false)).select(all).stream()
        .map(McpServerFactory::toMcpTool)
        .toList();
  }

  /** A mapper that fails every call, as a broken or changed SDK type would. */
  private static McpJsonMapper failingMapper() {
    return (McpJsonMapper)
        Proxy.newProxyInstance(
            McpJsonMapper.class.getClassLoader(),
            new Class<?>[] {McpJsonMapper.class},
            (proxy, method, args) -> {
              throw new IllegalStateException("broken");
            });
  }
}
