package dev.databricksmcp.server.transport;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one JSON-RPC message into the MCP SDK's types, as {@link
 * McpSchema#deserializeJsonRpcMessage} does, but without its second pass: the SDK reads the text
 * into a map and then converts the map into the message type through Jackson (a serialization and a
 * deserialization more per message, and the record deserializers built at start-up before the first
 * answer). A request or notification whose members have the usual types is built from the map
 * directly, through the same constructors, which check what the SDK's path checks; anything else (a
 * response, a number where text belongs) goes the SDK's way.
 */
final class JsonRpcMessages {
  private static final TypeRef<HashMap<String, Object>> MAP = new TypeRef<>() {};

  private JsonRpcMessages() {}

  static JSONRPCMessage read(McpJsonMapper json, String text) throws IOException {
    HashMap<String, Object> map = json.readValue(text, MAP);
    if (map != null
        && map.get("method") instanceof String method
        && map.get("jsonrpc") instanceof String version
        && (map.get("params") == null || map.get("params") instanceof Map)) {
      Object params = map.get("params");
      if (!map.containsKey("id")) {
        return new JSONRPCNotification(version, method, params);
      }
      Object id = map.get("id");
      if (id instanceof String || id instanceof Integer || id instanceof Long) {
        return new JSONRPCRequest(version, method, id, params);
      }
    }
    return McpSchema.deserializeJsonRpcMessage(json, text);
  }
}
