package dev.databricksmcp.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.Toolsets;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
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
    assertThat(ProtocolWarmUp.warm(new FailingMapper())).isFalse();
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
  private static final class FailingMapper implements McpJsonMapper {
    @Override
    public <T> T readValue(String content, Class<T> type) {
      throw new IllegalStateException("broken");
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) {
      throw new IllegalStateException("broken");
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) {
      throw new IllegalStateException("broken");
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) {
      throw new IllegalStateException("broken");
    }

    @Override
    public <T> T convertValue(Object fromValue, Class<T> type) {
      throw new IllegalStateException("broken");
    }

    @Override
    public <T> T convertValue(Object fromValue, TypeRef<T> type) {
      throw new IllegalStateException("broken");
    }

    @Override
    public String writeValueAsString(Object value) {
      throw new IllegalStateException("broken");
    }

    @Override
    public byte[] writeValueAsBytes(Object value) {
      throw new IllegalStateException("broken");
    }
  }
}
