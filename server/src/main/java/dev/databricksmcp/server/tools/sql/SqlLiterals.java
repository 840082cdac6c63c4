package dev.databricksmcp.server.tools.sql;

import dev.databricksmcp.server.tools.sql.SqlLexer.Token;

/** The values of string and quoted-identifier tokens, where they are certain. */
final class SqlLiterals {
  private SqlLiterals() {}

  /**
   * The value of a string token: a raw string as written, an ordinary one with doubled quotes
   * undone. Null when it holds a backslash: Spark's unescaping (\\u0073, octal, unknown escapes, a
   * setting that turns it off) is not repeated here, so such a value is not known for certain.
   */
  static String stringValue(Token t) {
    String text = t.text();
    char first = text.charAt(0);
    if (first == 'r' || first == 'R') {
      return text.substring(2, text.length() - 1);
    }
    String body = text.substring(1, text.length() - 1);
    if (body.indexOf('\\') >= 0) {
      return null;
    }
    String quote = String.valueOf(first);
    return body.replace(quote + quote, quote);
  }

  /** The name inside backticks, doubled backticks undone. */
  static String backtickValue(Token t) {
    return t.text().substring(1, t.text().length() - 1).replace("``", "`");
  }
}
