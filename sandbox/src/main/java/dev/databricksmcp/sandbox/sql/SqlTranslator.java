package dev.databricksmcp.sandbox.sql;

import dev.databricksmcp.sandbox.engine.CatalogNames;
import dev.databricksmcp.sandbox.sql.SqlTokenizer.Kind;
import dev.databricksmcp.sandbox.sql.SqlTokenizer.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rewrites the Databricks SQL users type most into DuckDB's dialect: backtick identifiers, double-quoted
 * string literals, backslash escapes, three-part names (catalogs live in DuckDB as {@code uc_<name>}),
 * {@code current_user()} and friends, {@code USING DELTA}. Functions that reach outside the workspace
 * are refused. Also notes which tables a statement reads and writes, for lineage.
 */
public final class SqlTranslator {
  private static final Set<String> WRITE_MARKERS = Set.of("INTO", "UPDATE", "TABLE", "OVERWRITE");
  private static final Set<String> READ_MARKERS = Set.of("FROM", "JOIN");
  private static final Set<String> REFUSED_FUNCTIONS = Set.of("http_request", "secret", "list_secrets", "read_files", "ai_query");

  /** Who runs the statement and where: answers current_user(), current_catalog(), current_schema(). */
  public record Context(String user, String catalog, String schema, Set<String> catalogs) {}

  private SqlTranslator() {}

  public static Translation translate(String sql, Context context) {
    List<Token> tokens = SqlTokenizer.tokenize(sql);
    rejectMultipleStatements(tokens);
    StringBuilder out = new StringBuilder();
    Set<String> reads = new LinkedHashSet<>();
    Set<String> writes = new LinkedHashSet<>();
    double sleep = 0;
    List<String> parameters = new ArrayList<>();
    String previousWord = "";
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isSymbol(":") && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.WORD
          && (i == 0 || !tokens.get(i - 1).isSymbol(":"))) {
        parameters.add(tokens.get(i + 1).text());
        out.append('?');
        i++;
        continue;
      }
      if (t.kind() == Kind.WORD && t.is("USING") && next(tokens, i, 1).map(n -> n.is("DELTA")).orElse(false)) {
        i = indexOfNext(tokens, i, 1); // drop USING DELTA: every sandbox table is a DuckDB table
        continue;
      }
      if (t.kind() == Kind.WORD && nextIsCall(tokens, i)) {
        String fn = t.text().toLowerCase(Locale.ROOT);
        if (REFUSED_FUNCTIONS.contains(fn)) {
          throw new SqlError("UNSUPPORTED_FEATURE", "0A000", "The function `" + fn + "` is not available in the sandbox.");
        }
        String literal = contextFunction(fn, context);
        if (literal != null && emptyCall(tokens, i)) {
          out.append(literal);
          i = indexOfNext(tokens, i, 2);
          continue;
        }
        if (fn.equals("sandbox_sleep")) {
          int arg = indexOfNext(tokens, i, 2);
          int close = indexOfNext(tokens, i, 3);
          if (arg < 0 || close < 0 || tokens.get(arg).kind() != Kind.NUMBER || !tokens.get(close).isSymbol(")")) {
            throw new SqlError("INVALID_PARAMETER_VALUE", "22023", "sandbox_sleep takes one number of seconds, e.g. sandbox_sleep(5).");
          }
          sleep += Double.parseDouble(tokens.get(arg).text());
          out.append(tokens.get(arg).text());
          i = close;
          continue;
        }
        if (fn.equals("nvl")) {
          out.append("coalesce");
          continue;
        }
      }
      if (isIdentifier(t) && (!nextIsCall(tokens, i) || WRITE_MARKERS.contains(previousWord))) {
        List<String> parts = new ArrayList<>();
        int end = chain(tokens, i, parts);
        String resolved = tableName(parts, context);
        if (resolved != null && WRITE_MARKERS.contains(previousWord)) {
          writes.add(resolved);
        } else if (resolved != null && READ_MARKERS.contains(previousWord)) {
          reads.add(resolved);
        }
        out.append(render(parts, context));
        previousWord = "";
        i = end;
        continue;
      }
      switch (t.kind()) {
        case DOUBLE_STRING -> out.append(singleQuoted(t.text()));
        case SINGLE_STRING -> out.append(singleQuoted(t.text()));
        default -> out.append(t.text());
      }
      if (t.kind() == Kind.WORD) {
        previousWord = t.text().toUpperCase(Locale.ROOT);
      } else if (t.significant()) {
        previousWord = "";
      }
    }
    return new Translation(stripTrailingSemicolon(out.toString()), sleep, reads, writes, parameters);
  }

  /** True for a word that names something (not a keyword we act on) or a backtick identifier. */
  private static boolean isIdentifier(Token t) {
    return t.kind() == Kind.BACKTICK_IDENT || (t.kind() == Kind.WORD && !KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT)));
  }

  /** Words never treated as names: enough to keep SQL structure intact. */
  private static final Set<String> KEYWORDS =
      Set.of("SELECT", "FROM", "WHERE", "JOIN", "ON", "AND", "OR", "NOT", "AS", "IN", "IS", "NULL", "GROUP", "BY", "ORDER", "LIMIT",
          "HAVING", "UNION", "ALL", "DISTINCT", "CASE", "WHEN", "THEN", "ELSE", "END", "INSERT", "INTO", "VALUES", "CREATE",
          "TABLE", "VIEW", "REPLACE", "IF", "EXISTS", "DROP", "UPDATE", "SET", "DELETE", "WITH", "LEFT", "RIGHT", "INNER",
          "OUTER", "FULL", "CROSS", "ASC", "DESC", "TRUE", "FALSE", "LIKE", "BETWEEN", "OVERWRITE", "SCHEMA", "DATABASE",
          "ALTER", "ADD", "COLUMN", "COMMENT", "INTERVAL", "OFFSET", "EXCEPT", "INTERSECT", "USING", "CAST", "OVER", "PARTITION",
          "TEMPORARY", "TEMP", "EXPLAIN", "ILIKE", "DEFAULT");

  /** Reads a dotted name starting at i into parts; returns the index of its last token. */
  private static int chain(List<Token> tokens, int i, List<String> parts) {
    int last = i;
    parts.add(unquote(tokens.get(i)));
    while (last + 2 < tokens.size() && tokens.get(last + 1).isSymbol(".") && isNamePart(tokens.get(last + 2))) {
      parts.add(unquote(tokens.get(last + 2)));
      last += 2;
    }
    return last;
  }

  private static boolean isNamePart(Token t) {
    return t.kind() == Kind.WORD || t.kind() == Kind.BACKTICK_IDENT || t.isSymbol("*");
  }

  /** The name as DuckDB wants it: a known catalog first part becomes its DuckDB database. */
  private static String render(List<String> parts, Context context) {
    if (parts.size() == 1) {
      String only = parts.get(0);
      return only.equals("*") ? "*" : needsQuotes(only) ? CatalogNames.quote(only) : only;
    }
    List<String> rendered = new ArrayList<>();
    boolean catalogFirst = parts.size() >= 3 && context.catalogs().contains(parts.get(0).toLowerCase(Locale.ROOT));
    for (int p = 0; p < parts.size(); p++) {
      String part = parts.get(p);
      if (p == 0 && catalogFirst) {
        rendered.add(CatalogNames.quote(CatalogNames.toDuckDb(part)));
      } else {
        rendered.add(part.equals("*") ? "*" : CatalogNames.quote(part));
      }
    }
    return String.join(".", rendered);
  }

  /** The three-part UC name a table reference resolves to in this context, or null. */
  private static String tableName(List<String> parts, Context context) {
    return switch (parts.size()) {
      case 1 -> context.catalog() + "." + context.schema() + "." + parts.get(0);
      case 2 -> context.catalog() + "." + parts.get(0) + "." + parts.get(1);
      case 3 -> context.catalogs().contains(parts.get(0).toLowerCase(Locale.ROOT)) ? String.join(".", parts).toLowerCase(Locale.ROOT) : null;
      default -> null;
    };
  }

  private static boolean needsQuotes(String identifier) {
    return !identifier.matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  private static String unquote(Token t) {
    if (t.kind() == Kind.BACKTICK_IDENT) {
      return t.text().substring(1, t.text().length() - 1).replace("``", "`");
    }
    return t.text();
  }

  /** A Databricks string literal ('…' or "…", backslash escapes) as a DuckDB '…' literal. */
  public static String singleQuoted(String literal) {
    char quote = literal.charAt(0);
    String body = literal.substring(1, literal.length() - 1);
    StringBuilder value = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char e = body.charAt(++i);
        value.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          default -> e;
        });
      } else if (c == quote && i + 1 < body.length() && body.charAt(i + 1) == quote) {
        value.append(quote);
        i++;
      } else {
        value.append(c);
      }
    }
    return "'" + value.toString().replace("'", "''") + "'";
  }

  private static String contextFunction(String fn, Context context) {
    return switch (fn) {
      case "current_user", "session_user", "user" -> singleQuoted("'" + context.user().replace("'", "\\'") + "'");
      case "current_catalog" -> "'" + context.catalog() + "'";
      case "current_schema", "current_database" -> "'" + context.schema() + "'";
      default -> null;
    };
  }

  private static boolean nextIsCall(List<Token> tokens, int i) {
    return next(tokens, i, 1).map(n -> n.isSymbol("(")).orElse(false);
  }

  private static boolean emptyCall(List<Token> tokens, int i) {
    return next(tokens, i, 2).map(n -> n.isSymbol(")")).orElse(false);
  }

  /** The k-th significant token after i. */
  private static java.util.Optional<Token> next(List<Token> tokens, int i, int k) {
    int idx = indexOfNext(tokens, i, k);
    return idx < 0 ? java.util.Optional.empty() : java.util.Optional.of(tokens.get(idx));
  }

  private static int indexOfNext(List<Token> tokens, int i, int k) {
    int seen = 0;
    for (int j = i + 1; j < tokens.size(); j++) {
      if (tokens.get(j).significant() && ++seen == k) {
        return j;
      }
    }
    return -1;
  }

  private static void rejectMultipleStatements(List<Token> tokens) {
    boolean afterSemicolon = false;
    for (Token t : tokens) {
      if (t.isSymbol(";")) {
        afterSemicolon = true;
      } else if (afterSemicolon && t.significant()) {
        throw new SqlError("PARSE_SYNTAX_ERROR", "42601",
            "Only one statement can be executed at a time; split the text at ';' and run each statement.");
      }
    }
  }

  private static String stripTrailingSemicolon(String sql) {
    String trimmed = sql.stripTrailing();
    return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
