package dev.databricksmcp.sandbox.sql;

import dev.databricksmcp.sandbox.sql.SqlTokenizer.Kind;
import dev.databricksmcp.sandbox.sql.SqlTokenizer.Token;
import java.util.List;

/**
 * One statement per request, as Databricks runs it: {@code statement ;* EOF}. Databricks answers a
 * second statement with PARSE_SYNTAX_ERROR "extra input" (SQLSTATE 42601), and text with no
 * statement at all with PARSE_EMPTY_STATEMENT.
 */
final class SingleStatement {
  private SingleStatement() {}

  /** The tokens of the one statement, without the semicolons that may end it. */
  static List<Token> of(List<Token> tokens) {
    int end = -1;
    boolean any = false;
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (t.isSymbol(";")) {
        if (!any) {
          throw extraInput(t);
        }
        end = end < 0 ? k : end;
      } else if (t.significant() && end >= 0) {
        throw extraInput(t);
      } else if (t.significant()) {
        any = true;
      }
    }
    if (!any) {
      throw new SqlError(
          "PARSE_EMPTY_STATEMENT", "42617", "Syntax error, unexpected empty statement.");
    }
    return end < 0 ? tokens : tokens.subList(0, end);
  }

  private static SqlError extraInput(Token t) {
    String near = t.kind() == Kind.STRING || t.kind() == Kind.BACKTICK_IDENT ? t.text() : t.value();
    near = near.length() > 40 ? near.substring(0, 40) + "…" : near;
    return new SqlError(
        "PARSE_SYNTAX_ERROR",
        "42601",
        "Syntax error at or near '"
            + near
            + "': extra input '"
            + near
            + "'. Only one statement can be executed at a time.");
  }
}
