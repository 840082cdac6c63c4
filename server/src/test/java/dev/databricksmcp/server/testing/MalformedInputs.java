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
          "java\\.|javax\\.|jakarta\\.|io\\.modelcontextprotocol|com\\.fasterxml|org\\.eclipse|reactor\\."
              + "|dev\\.databricksmcp|Exception|Throwable|stackTrace|StackTrace|\\tat |\\bat [a-z]+\\.[a-z]"
              + "|\\.java:\\d|\\b[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_]*\\$?"
              + "|\\$[A-Z][A-Za-z]+Request|\\[Source:");

  private static final String VALID_INIT =
      json(
          "{'jsonrpc':'2.0','id':1,'method':'initialize','params':{'protocolVersion':'2025-06-18',"
              + "'capabilities':{},'clientInfo':{'name':'fuzz','version':'1'}}}");
  private static final String VALID_CALL =
      json(
          "{'jsonrpc':'2.0','id':2,'method':'tools/call','params':{'name':'echo','arguments':{'name':'hi'}}}");
  private static final String REQUEST = json("{'jsonrpc':'2.0','id':1,");

  private MalformedInputs() {}

  /** Single quotes to double: the cases below read as JSON without a wall of escapes. */
  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** Single-line message bodies, each malformed in one way (a few hundred). */
  public static List<String> bodies() {
    Set<String> out = new LinkedHashSet<>();
    out.addAll(
        List.of(
            "",
            " ",
            "{",
            "}",
            "[",
            "]",
            "[]",
            "{}",
            "null",
            "true",
            "0",
            "-1",
            "\"x\"",
            "{\"",
            "NaN",
            "{'jsonrpc':'2.0'}",
            "\ufeff" + VALID_CALL,
            "\u0000",
            "\"\\ud800\"",
            "[1,2,3]",
            "[" + VALID_CALL + "]",
            "[" + VALID_CALL + "," + VALID_CALL + "]"));
    out.addAll(
        List.of(
            json("{'jsonrpc'"),
            json("{'jsonrpc':'2.0'"),
            json("{'jsonrpc':'2.0'}"),
            json("{'jsonrpc':'2.0',}"),
            json("{'jsonrpc':'2.0','id':1,'method':'ping'}garbage"),
            json("{'a':1}{'b':2}"),
            REQUEST + json("'method':'\\u0000'}")));
    // truncations of valid messages at every few characters
    for (String valid : List.of(VALID_INIT, VALID_CALL)) {
      for (int cut = 1; cut < valid.length(); cut += 7) {
        out.add(valid.substring(0, cut));
      }
    }
    // every field with every wrong type
    List<String> wrongValues =
        List.of(
            "null",
            "true",
            "1",
            "-1.5",
            "1e400",
            "\"\"",
            "\"x\"",
            "[]",
            "{}",
            "[1]",
            json("{'a':{}}"));
    for (String v : wrongValues) {
      out.add(json("{'jsonrpc':") + v + json(",'id':1,'method':'ping'}"));
      out.add(json("{'jsonrpc':'2.0','id':") + v + json(",'method':'ping'}"));
      out.add(REQUEST + json("'method':") + v + "}");
      out.add(REQUEST + json("'method':'tools/call','params':") + v + "}");
      out.add(REQUEST + json("'method':'tools/call','params':{'name':") + v + "}}");
      out.add(
          REQUEST + json("'method':'tools/call','params':{'name':'echo','arguments':") + v + "}}");
      out.add(REQUEST + json("'method':'initialize','params':") + v + "}");
      out.add(
          REQUEST
              + json("'method':'initialize','params':{'protocolVersion':")
              + v
              + json(",'capabilities':{},'clientInfo':{'name':'f','version':'1'}}}"));
      out.add(
          REQUEST
              + json(
                  "'method':'initialize','params':{'protocolVersion':'2025-06-18','capabilities':")
              + v
              + json(",'clientInfo':")
              + v
              + "}}");
      out.add(REQUEST + json("'method':'logging/setLevel','params':{'level':") + v + "}}");
      out.add(REQUEST + json("'method':'tools/list','params':{'cursor':") + v + "}}");
      out.add(json("{'jsonrpc':'2.0','method':'notifications/cancelled','params':") + v + "}");
      out.add(json("{'jsonrpc':'2.0','id':7,'result':") + v + "}");
      out.add(json("{'jsonrpc':'2.0','id':7,'error':") + v + "}");
      out.add(
          json("{'jsonrpc':'2.0','id':7,'error':{'code':") + v + json(",'message':") + v + "}}");
    }
    // ids a server might choke on
    String longId = "\"" + "i".repeat(10_000) + "\"";
    for (String id :
        List.of("9".repeat(32), "-9223372036854775809", "1.0000000000000000001", longId)) {
      out.add(json("{'jsonrpc':'2.0','id':") + id + json(",'method':'ping'}"));
      out.add(
          json("{'jsonrpc':'2.0','id':")
              + id
              + json(",'method':'tools/call','params':{'name':'nope'}}"));
    }
    // unknown and odd methods
    for (String method :
        List.of(
            "nope",
            "tools/nope",
            "resources/read",
            "prompts/get",
            "completion/complete",
            "sampling/createMessage",
            "rpc.discover",
            "../initialize",
            "TOOLS/LIST",
            "notifications/initialized",
            "notifications/progress")) {
      out.add(REQUEST + json("'method':'" + method + "','params':{'uri':1,'name':[]}}"));
    }
    // arguments the tool's schema refuses
    out.add(
        REQUEST + json("'method':'tools/call','params':{'name':'echo','arguments':{'name':{}}}}"));
    // nesting past the parser's limits, and large numbers
    out.add("[".repeat(5_000) + "]".repeat(5_000));
    out.add(
        REQUEST
            + json("'method':'ping','params':")
            + json("{'a':").repeat(3_000)
            + "1"
            + "}".repeat(3_001));
    out.add(REQUEST + json("'method':'ping','params':{'n':") + "9".repeat(2_000) + "}}");
    return new ArrayList<>(out);
  }
}
