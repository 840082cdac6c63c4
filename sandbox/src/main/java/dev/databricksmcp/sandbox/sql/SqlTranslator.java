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
 * Rewrites one Databricks statement, already split into tokens, into DuckDB's dialect: string
 * literals of every Databricks form as '…', backtick identifiers as "…", three-part names (catalogs
 * live in DuckDB as {@code uc_<name>}), {@code current_user()} and friends, {@code USING DELTA},
 * type-suffixed numbers; comments and hints dropped. What it writes is checked by {@link
 * DuckDbText} before DuckDB sees it. Also notes which tables a statement reads and writes, for
 * lineage and privileges.
 */
public final class SqlTranslator {
  private static final Set<String> WRITE_MARKERS = Set.of("INTO", "UPDATE", "TABLE", "OVERWRITE");
  private static final Set<String> READ_MARKERS = Set.of("FROM", "JOIN");

  /**
   * Who runs the statement and where: answers current_user(), current_catalog(), current_schema().
   */
  public record Context(String user, String catalog, String schema, Set<String> catalogs) {}

  private final List<Token> tokens;
  private final Context context;
  private final Emitter out = new Emitter();
  private final Set<String> reads = new LinkedHashSet<>();
  private final Set<String> writes = new LinkedHashSet<>();
  private final List<String> parameters = new ArrayList<>();
  private final List<FileReference> files = new ArrayList<>();
  private double sleep;
  private String previousWord = "";

  /**
   * For each open parenthesis, whether it holds a function's arguments (TRIM(… FROM 'x') is no
   * table).
   */
  private final java.util.ArrayDeque<Boolean> parens = new java.util.ArrayDeque<>();

  private boolean callOpens;

  private SqlTranslator(List<Token> tokens, Context context) {
    this.tokens = tokens;
    this.context = context;
  }

  /** Reads the text as one Databricks statement and translates it. */
  public static Translation translate(String sql, Context context) {
    return translate(SingleStatement.of(SqlTokenizer.tokenize(sql)), context);
  }

  /** Translates the tokens of one statement (see {@link SingleStatement}). */
  static Translation translate(List<Token> statement, Context context) {
    StatementPolicy.checkCommand(statement);
    SqlTranslator t = new SqlTranslator(statement, context);
    for (int i = 0; i < statement.size(); i++) {
      i = t.emit(i);
    }
    String sql = t.out.toString();
    DuckDbText.requireOneStatement(sql, t.parameters.size());
    return new Translation(
        sql, t.sleep, t.reads, t.writes, t.parameters, WriteKind.of(statement), t.files);
  }

  /** Emits the token at i (and any it consumes); returns the index of the last token used. */
  private int emit(int i) {
    Token t = tokens.get(i);
    switch (t.kind()) {
      case SPACE, COMMENT -> {
        out.space();
        return i;
      }
      case HINT_START -> {
        out.space();
        return hintEnd(i);
      }
      case HINT_END ->
          throw new SqlError("PARSE_SYNTAX_ERROR", "42601", "Syntax error at or near '*/'.");
      case STRING -> {
        return string(i);
      }
      case NUMBER -> out.append(number(t));
      case SYMBOL -> {
        return symbol(i);
      }
      case WORD, BACKTICK_IDENT -> {
        return word(i);
      }
      default -> throw new IllegalStateException("unknown token " + t.kind());
    }
    previousWord = "";
    return i;
  }

  /** A hint ({@code /*+ … *}{@code /}) tunes Databricks' planner only: dropped. */
  private int hintEnd(int i) {
    for (int j = i + 1; j < tokens.size(); j++) {
      if (tokens.get(j).kind() == Kind.HINT_END) {
        return j;
      }
    }
    throw new SqlError(
        "PARSE_SYNTAX_ERROR",
        "42601",
        "Syntax error: the hint starting at position "
            + tokens.get(i).start()
            + " is not closed with */.");
  }

  /** Adjacent literals are one value in Databricks ('a' 'b' is 'ab'). */
  private int string(int i) {
    if (parens.isEmpty() || !parens.peek()) {
      StatementPolicy.checkStringAfter(previousWord);
    }
    StringBuilder value = new StringBuilder(tokens.get(i).value());
    int last = i;
    for (int j = indexOfNext(last, 1);
        j >= 0 && tokens.get(j).kind() == Kind.STRING;
        j = indexOfNext(last, 1)) {
      value.append(tokens.get(j).value());
      last = j;
    }
    out.append(DuckDbText.literal(value.toString()));
    previousWord = "";
    return last;
  }

  private static String number(Token t) {
    String type =
        switch (t.suffix()) {
          case "L" -> "BIGINT";
          case "S" -> "SMALLINT";
          case "Y" -> "TINYINT";
          case "D" -> "DOUBLE";
          case "F" -> "FLOAT";
          default -> null;
        };
    return type == null ? t.value() : "CAST(" + t.value() + " AS " + type + ")";
  }

  private int symbol(int i) {
    Token t = tokens.get(i);
    previousWord = "";
    if (t.isSymbol(":") && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.WORD) {
      parameters.add(tokens.get(i + 1).text());
      out.append("?");
      return i + 1;
    }
    if (t.isSymbol("(")) {
      parens.push(callOpens);
    } else if (t.isSymbol(")") && !parens.isEmpty()) {
      parens.pop();
    }
    callOpens = false;
    switch (t.text()) {
      case "?" ->
          throw new SqlError(
              "UNBOUND_SQL_PARAMETER",
              "42P02",
              "Found the unbound parameter: ?. The Statement Execution API binds named parameters"
                  + " (:name) only.");
      case "<=>" -> out.append("IS NOT DISTINCT FROM");
      case "!" -> out.append("NOT");
      case "!>" -> out.append("<=");
      case "!<" -> out.append(">=");
      case "==" -> out.append("=");
      default -> out.append(t.text());
    }
    return i;
  }

  private int word(int i) {
    Token t = tokens.get(i);
    if (t.is("USING") && next(i, 1) != null && next(i, 1).is("DELTA")) {
      out.space();
      return indexOfNext(i, 1); // drop USING DELTA: every sandbox table is a DuckDB table
    }
    if (t.is("X") && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.STRING) {
      out.append("from_hex(" + DuckDbText.literal(tokens.get(i + 1).value()) + ")");
      previousWord = "";
      return i + 1;
    }
    if (!isIdentifier(t)) {
      out.append(t.text());
      previousWord = t.text().toUpperCase(Locale.ROOT);
      return i;
    }
    List<String> parts = new ArrayList<>();
    int end = chain(i, parts);
    Token after = next(end, 1);
    String marker = previousWord;
    previousWord = "";
    if (after != null && after.isSymbol("(") && !WRITE_MARKERS.contains(marker)) {
      return call(i, end, parts);
    }
    if (VolumeFileSyntax.isFormatPath(tokens, i, end, parts)) {
      out.append(file(VolumeFileSyntax.formatPath(parts)));
      return end;
    }
    String resolved = tableName(parts);
    if (resolved != null && WRITE_MARKERS.contains(marker)) {
      writes.add(resolved);
    } else if (resolved != null && READ_MARKERS.contains(marker)) {
      reads.add(resolved);
    }
    out.append(render(parts));
    return end;
  }

  /**
   * A function call: refused functions, the ones the sandbox answers itself, and Databricks names.
   */
  private int call(int i, int end, List<String> parts) {
    String fn = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
    if (fn.equals("read_files") && parts.size() == 1 && tokens.get(i).kind() == Kind.WORD) {
      VolumeFileSyntax.Call c = VolumeFileSyntax.readFiles(tokens, indexOfNext(i, 1));
      out.append(file(c.reference()));
      return c.end();
    }
    StatementPolicy.checkFunction(fn);
    if (parts.size() > 1 || tokens.get(i).kind() != Kind.WORD) {
      out.append(render(parts));
      callOpens = true;
      return end;
    }
    String literal = contextFunction(fn);
    if (literal != null && next(i, 2) != null && next(i, 2).isSymbol(")")) {
      out.append(literal);
      return indexOfNext(i, 2);
    }
    if (fn.equals("sandbox_sleep")) {
      return sandboxSleep(i);
    }
    out.append(fn.equals("nvl") ? "coalesce" : tokens.get(i).text());
    callOpens = true;
    return i;
  }

  /** The temporary table standing for a file the statement reads. */
  private String file(VolumeFileSyntax.Options o) {
    String table = "temp.main." + DuckDbText.identifier("sandbox_file_" + (files.size() + 1));
    files.add(new FileReference(o.path(), o.header(), o.inferTypes(), o.delimiter(), table));
    previousWord = "";
    return table;
  }

  private int sandboxSleep(int i) {
    int arg = indexOfNext(i, 2);
    int close = indexOfNext(i, 3);
    if (arg < 0
        || close < 0
        || tokens.get(arg).kind() != Kind.NUMBER
        || !tokens.get(close).isSymbol(")")) {
      throw new SqlError(
          "INVALID_PARAMETER_VALUE",
          "22023",
          "sandbox_sleep takes one number of seconds, e.g. sandbox_sleep(5).");
    }
    sleep += Double.parseDouble(tokens.get(arg).value());
    out.append(number(tokens.get(arg)));
    return close;
  }

  /** True for a word that names something (not a keyword we act on) or a backtick identifier. */
  private static boolean isIdentifier(Token t) {
    return t.kind() == Kind.BACKTICK_IDENT
        || t.kind() == Kind.WORD && !KEYWORDS.contains(t.text().toUpperCase(Locale.ROOT));
  }

  /** Words never treated as names: enough to keep SQL structure intact. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "SELECT",
          "FROM",
          "WHERE",
          "JOIN",
          "ON",
          "AND",
          "OR",
          "NOT",
          "AS",
          "IN",
          "IS",
          "NULL",
          "GROUP",
          "BY",
          "ORDER",
          "LIMIT",
          "HAVING",
          "UNION",
          "ALL",
          "DISTINCT",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "INSERT",
          "INTO",
          "VALUES",
          "CREATE",
          "TABLE",
          "VIEW",
          "REPLACE",
          "IF",
          "EXISTS",
          "DROP",
          "UPDATE",
          "SET",
          "DELETE",
          "WITH",
          "LEFT",
          "RIGHT",
          "INNER",
          "OUTER",
          "FULL",
          "CROSS",
          "ASC",
          "DESC",
          "TRUE",
          "FALSE",
          "LIKE",
          "BETWEEN",
          "OVERWRITE",
          "SCHEMA",
          "DATABASE",
          "ALTER",
          "ADD",
          "COLUMN",
          "COMMENT",
          "INTERVAL",
          "OFFSET",
          "EXCEPT",
          "INTERSECT",
          "USING",
          "CAST",
          "OVER",
          "PARTITION",
          "TEMPORARY",
          "TEMP",
          "EXPLAIN",
          "ILIKE",
          "DEFAULT");

  /** Reads a dotted name starting at i into parts; returns the index of its last token. */
  private int chain(int i, List<String> parts) {
    int last = i;
    parts.add(tokens.get(i).value());
    while (last + 2 < tokens.size()
        && tokens.get(last + 1).isSymbol(".")
        && isNamePart(tokens.get(last + 2))) {
      parts.add(tokens.get(last + 2).value());
      last += 2;
    }
    return last;
  }

  private static boolean isNamePart(Token t) {
    return t.kind() == Kind.WORD || t.kind() == Kind.BACKTICK_IDENT || t.isSymbol("*");
  }

  /** The name as DuckDB wants it: a known catalog first part becomes its DuckDB database. */
  private String render(List<String> parts) {
    if (parts.size() == 1) {
      String only = parts.get(0);
      return only.equals("*")
          ? "*"
          : only.matches("[A-Za-z_][A-Za-z0-9_]*") ? only : DuckDbText.identifier(only);
    }
    List<String> rendered = new ArrayList<>();
    boolean catalogFirst =
        parts.size() >= 3 && context.catalogs().contains(parts.get(0).toLowerCase(Locale.ROOT));
    for (int p = 0; p < parts.size(); p++) {
      String part = parts.get(p);
      if (p == 0 && catalogFirst) {
        rendered.add(DuckDbText.identifier(CatalogNames.toDuckDb(part)));
      } else {
        rendered.add(part.equals("*") ? "*" : DuckDbText.identifier(part));
      }
    }
    return String.join(".", rendered);
  }

  /** The three-part UC name a table reference resolves to in this context, or null. */
  private String tableName(List<String> parts) {
    return switch (parts.size()) {
      case 1 -> context.catalog() + "." + context.schema() + "." + parts.get(0);
      case 2 -> context.catalog() + "." + parts.get(0) + "." + parts.get(1);
      case 3 ->
          context.catalogs().contains(parts.get(0).toLowerCase(Locale.ROOT))
              ? String.join(".", parts).toLowerCase(Locale.ROOT)
              : null;
      default -> null;
    };
  }

  private String contextFunction(String fn) {
    return switch (fn) {
      case "current_user", "session_user", "user" -> DuckDbText.literal(context.user());
      case "current_catalog" -> DuckDbText.literal(context.catalog());
      case "current_schema", "current_database" -> DuckDbText.literal(context.schema());
      default -> null;
    };
  }

  /** The k-th significant token after i, or null. */
  private Token next(int i, int k) {
    int idx = indexOfNext(i, k);
    return idx < 0 ? null : tokens.get(idx);
  }

  private int indexOfNext(int i, int k) {
    int seen = 0;
    for (int j = i + 1; j < tokens.size(); j++) {
      if (tokens.get(j).significant() && ++seen == k) {
        return j;
      }
    }
    return -1;
  }

  /**
   * DuckDB text with single spaces where the statement had blanks or comments, none at the ends,
   * and a space wherever two pieces would otherwise fuse: a literal glued to a word would read as
   * E'…' or X'…'.
   */
  private static final class Emitter {
    private final StringBuilder text = new StringBuilder();
    private boolean pendingSpace;

    void space() {
      pendingSpace = true;
    }

    void append(String s) {
      int n = text.length();
      if (n > 0 && (pendingSpace || fuses(text.charAt(n - 1)) && fuses(s.charAt(0)))) {
        text.append(' ');
      }
      pendingSpace = false;
      text.append(s);
    }

    private static boolean fuses(char c) {
      return Character.isLetterOrDigit(c)
          || c == '_'
          || c == '\''
          || c == '"'
          || c == '&'
          || c == '$';
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
