package dev.databricksmcp.server.tools.sql;

import dev.databricksmcp.server.tools.sql.SqlLexer.Kind;
import dev.databricksmcp.server.tools.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the calls a statement makes to functions the policy restricts, however the name is written:
 * plain or in any letter case, `backticked`, qualified (system.builtin.x, `system`.`builtin`.`x`),
 * "double-quoted" (an identifier in ANSI mode), IDENTIFIER('x') or IDENTIFIER('system.builtin.x'),
 * in an expression or as a table-valued function, with comments or whitespace before the '('. A
 * call whose name Spark builds at run time — IDENTIFIER(anything but one string literal)(…) — is an
 * UNRESOLVED hit: it could be any function. Comments were dropped by the lexer, so "name (" with
 * anything between is the same as "name(".
 */
final class FunctionCalls {
  /** name( inside a $$ body: bodies are Python, YAML or SQL, so this looks at the raw text. */
  private static final Pattern BODY_CALL = Pattern.compile("([\\p{L}\\p{Nd}_]+)[`\"']?\\s*\\(");

  private FunctionCalls() {}

  static List<FunctionPolicy.Hit> find(List<Token> tokens, FunctionPolicy policy) {
    Set<FunctionPolicy.Hit> hits = new LinkedHashSet<>();
    for (int i = 0; i < tokens.size(); i++) {
      int[] end = {i};
      List<String> parts = chain(tokens, i, end);
      if (!parts.isEmpty() && end[0] < tokens.size() && tokens.get(end[0]).symbol("(")) {
        hits.addAll(resolve(parts, tokens.get(i), policy));
      }
      if (tokens.get(i).kind() == Kind.DOLLAR_STRING) {
        hits.addAll(inBody(tokens.get(i).text(), policy));
      }
    }
    return new ArrayList<>(hits);
  }

  private static List<FunctionPolicy.Hit> resolve(
      List<String> parts, Token first, FunctionPolicy policy) {
    if (parts.contains(null)) {
      return List.of(
          FunctionPolicy.unresolved(
              first.word("IDENTIFIER") ? "IDENTIFIER(<expression>)" : first.text()));
    }
    FunctionPolicy.Hit hit = policy.match(parts.get(parts.size() - 1));
    return hit == null ? List.of() : List.of(hit);
  }

  /**
   * The name parts of the longest dotted name starting at token i (empty when none starts there);
   * end[0] is set to the token after it.
   */
  private static List<String> chain(List<Token> tokens, int i, int[] end) {
    List<String> parts = new ArrayList<>();
    int j = i;
    while (startsPart(tokens.get(j))) {
      j = part(tokens, j, parts);
      if (j + 1 >= tokens.size() || !tokens.get(j).symbol(".") || !startsPart(tokens.get(j + 1))) {
        break;
      }
      j++;
    }
    end[0] = j;
    return parts;
  }

  private static boolean startsPart(Token t) {
    return t.kind() == Kind.WORD
        || t.kind() == Kind.QUOTED_IDENT
        || t.kind() == Kind.STRING && t.text().startsWith("\"");
  }

  /**
   * Reads the name part at j into parts (its last component, or null when it is known only at run
   * time); returns the index of the token after it.
   */
  private static int part(List<Token> tokens, int j, List<String> parts) {
    Token t = tokens.get(j);
    if (t.word("IDENTIFIER") && j + 1 < tokens.size() && tokens.get(j + 1).symbol("(")) {
      int close = closingParen(tokens, j + 1);
      if (close == -1) {
        parts.add(null);
        return tokens.size();
      }
      boolean oneString = close == j + 3 && tokens.get(j + 2).kind() == Kind.STRING;
      parts.add(oneString ? lastOfName(SqlLiterals.stringValue(tokens.get(j + 2))) : null);
      return close + 1;
    }
    if (t.kind() == Kind.WORD) {
      parts.add(t.text());
    } else if (t.kind() == Kind.QUOTED_IDENT) {
      parts.add(lastComponent(SqlLiterals.backtickValue(t)));
    } else {
      // in ANSI mode (double-quoted identifiers) "secret"(...) is a call of secret
      String value = SqlLiterals.stringValue(t);
      parts.add(value == null ? null : lastComponent(value));
    }
    return j + 1;
  }

  /** Index of the ')' matching the '(' at open, or -1 when it is not closed. */
  private static int closingParen(List<Token> tokens, int open) {
    int depth = 0;
    for (int k = open; k < tokens.size(); k++) {
      if (tokens.get(k).symbol("(")) {
        depth++;
      } else if (tokens.get(k).symbol(")") && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  /** The last part of a (possibly qualified, possibly backticked) name given as text, or null. */
  private static String lastOfName(String name) {
    if (name == null) {
      return null;
    }
    List<Token> tokens;
    try {
      tokens = SqlLexer.tokens(name);
    } catch (SqlLexer.LexError e) {
      return null;
    }
    String last = null;
    for (int k = 0; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      boolean namePart = k % 2 == 0;
      if (namePart && t.kind() == Kind.WORD) {
        last = t.text();
      } else if (namePart && t.kind() == Kind.QUOTED_IDENT) {
        last = lastComponent(SqlLiterals.backtickValue(t));
      } else if (namePart || !t.symbol(".")) {
        return null;
      }
    }
    return tokens.size() % 2 == 1 ? last : null;
  }

  /**
   * `system.builtin.secret` in one pair of backticks names one odd function; taking its last part
   * only adds hits.
   */
  private static String lastComponent(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static List<FunctionPolicy.Hit> inBody(String body, FunctionPolicy policy) {
    List<FunctionPolicy.Hit> hits = new ArrayList<>();
    Matcher m = BODY_CALL.matcher(body);
    while (m.find()) {
      FunctionPolicy.Hit hit =
          FunctionPolicy.fold(m.group(1)).equals("identifier")
              ? FunctionPolicy.unresolved("IDENTIFIER(<expression>)")
              : policy.match(m.group(1));
      if (hit != null) {
        hits.add(hit);
      }
    }
    try {
      String inner =
          body.substring(body.indexOf('$', 1) + 1, body.lastIndexOf('$', body.length() - 2));
      hits.addAll(find(SqlLexer.tokens(inner), policy));
    } catch (SqlLexer.LexError | IndexOutOfBoundsException e) {
      // not SQL: the text scan above is all there is
    }
    return hits;
  }
}
