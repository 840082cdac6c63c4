package dev.databricksmcp.server.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Deterministic malformed JSON-RPC messages for fuzz-style tests: truncated JSON, wrong types in
 * every field, huge and odd ids, unknown methods, bad params for known ones, nesting that breaks
 * parsers. The same list every run, so a failure names a case that can be replayed.
 */
public final class MalformedInputs {
  /**
   * What must never reach a client: a Java class or package name, an exception's type, a stack
   * frame. (Package-qualified names: lower-case segments ending in an upper-case type name.)
   */
  public static final Pattern JAVA_INTERNALS =
      Pattern.compile(
          "java\\.|javax\\.|jakarta\\.|io\\.modelcontextprotocol|com\\.fasterxml|org\\.eclipse|reactor\\.|"
              + "dev\\.databricksmcp|Exception|Throwable|stackTrace|StackTrace|\\tat |\\bat [a-z]+\\.[a-z]|\\.java:\\d|"
              + "\\b[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_]*\\$?|\\$[A-Z][A-Za-z]+Request|\\[Source:");

  private static final String VALID_INIT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}}";
  private static final String VALID_CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}}";

  private MalformedInputs() {}

  /** Single-line message bodies, each malformed in one way (a few hundred). */
  public static List<String> bodies() {
    Set<String> out = new LinkedHashSet<>();
    out.addAll(List.of("", " ", "{", "}", "[", "]", "[]", "{}", "null", "true", "0", "-1", "\"x\"", "{\"", "{\"jsonrpc\"",
        "{\"jsonrpc\":\"2.0\"", "{\"jsonrpc\":\"2.0\"}", "{'jsonrpc':'2.0'}", "{\"jsonrpc\":\"2.0\",}", "\ufeff" + VALID_CALL,
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}garbage", "{\"a\":1}{\"b\":2}", "NaN", "[" + VALID_CALL + "]",
        "[" + VALID_CALL + "," + VALID_CALL + "]", "[1,2,3]", "\u0000", "\"\\ud800\"", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\\u0000\"}"));
    // truncations of valid messages at every few characters
    for (String valid : List.of(VALID_INIT, VALID_CALL)) {
      for (int cut = 1; cut < valid.length(); cut += 7) {
        out.add(valid.substring(0, cut));
      }
    }
    // every field with every wrong type
    List<String> wrong = List.of("null", "true", "1", "-1.5", "1e400", "\"\"", "\"x\"", "[]", "{}", "[1]", "{\"a\":{}}");
    for (String value : wrong) {
      out.add("{\"jsonrpc\":" + value + ",\"id\":1,\"method\":\"ping\"}");
      out.add("{\"jsonrpc\":\"2.0\",\"id\":" + value + ",\"method\":\"ping\"}");
      out.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":" + value + "}");
      out.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":" + value + "}");
      out.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":" + value + "}}");
      out.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":" + value + "}}");
      out.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":" + value + "}");
      out.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":" + value
          + ",\"capabilities\":{},\"clientInfo\":{\"name\":\"f\",\"version\":\"1\"}}}");
      out.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":" + value + ",\"clientInfo\":" + value + "}}");
      out.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\",\"params\":{\"level\":" + value + "}}");
      out.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"cursor\":" + value + "}}");
      out.add("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":" + value + "}");
      out.add("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + value + "}");
      out.add("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":" + value + "}");
      out.add("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":" + value + ",\"message\":" + value + "}}");
    }
    // ids a server might choke on
    for (String id : List.of("99999999999999999999999999999999", "-9223372036854775809", "1.0000000000000000001", "\""
        + "i".repeat(10_000) + "\"")) {
      out.add("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}");
      out.add("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"nope\"}}");
    }
    // unknown and odd methods
    for (String method : List.of("nope", "tools/nope", "resources/read", "prompts/get", "completion/complete", "sampling/createMessage",
        "rpc.discover", "../initialize", "TOOLS/LIST", "notifications/initialized", "notifications/progress")) {
      out.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{\"uri\":1,\"name\":[]}}");
    }
    // arguments the tool schema refuses, and an unknown tool
    out.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":{}}}}");
    // nesting past the parser's limits, and large numbers
    out.add("[".repeat(5_000) + "]".repeat(5_000));
    out.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":" + "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_001));
    out.add("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"n\":" + "9".repeat(2_000) + "}}");
    return new ArrayList<>(out);
  }
}
