package dev.databricksmcp.server.tools.sql;

import dev.databricksmcp.server.tools.sql.SqlLexer.Kind;
import dev.databricksmcp.server.tools.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides, from a tokenization that follows Spark's lexer, whether SQL can change anything or calls
 * a function the policy restricts. Fails closed: only statements that start as a query (SELECT,
 * WITH, VALUES, TABLE, FROM, a parenthesised query) or as SHOW, DESCRIBE or EXPLAIN, and hold no
 * write keyword anywhere — in a CTE, a subquery, an explained statement — are read-only; anything
 * it cannot tokenize or does not recognise is not. Statements are split on ';' and judged one at a
 * time.
 */
public final class SqlClassifier {
  /** Statements that only read. */
  private static final Set<String> READ_STARTS =
      Set.of("SELECT", "WITH", "VALUES", "TABLE", "FROM", "SHOW", "DESCRIBE", "DESC", "EXPLAIN");

  /** Keywords that, anywhere in a statement, mean it can change something. */
  private static final Set<String> WRITE_KEYWORDS =
      Set.of(
          "INSERT",
          "UPDATE",
          "DELETE",
          "MERGE",
          "CREATE",
          "DROP",
          "ALTER",
          "TRUNCATE",
          "GRANT",
          "REVOKE",
          "COPY",
          "OPTIMIZE",
          "VACUUM",
          "REFRESH",
          "CACHE",
          "UNCACHE",
          "MSCK",
          "CALL",
          "SET",
          "RESET",
          "LOAD",
          "INTO",
          "OVERWRITE",
          "EXECUTE",
          "EXEC",
          "IMMEDIATE",
          "RESTORE",
          "CLONE",
          "UNDROP",
          "ANALYZE",
          "COMMENT",
          "REPAIR",
          "PUT",
          "REMOVE",
          "DECLARE",
          "USE",
          "REORG",
          "SYNC",
          "APPLY",
          "FSCK",
          "REPLACE",
          "BEGIN",
          "COMMIT",
          "ROLLBACK");

  /**
   * Words that start a Databricks SQL statement (the Databricks SQL language reference's
   * statements: queries, DDL, DML, data retrieval, auxiliary, security and resource management). A
   * statement starting with any other word is not recognised: it is refused before it reaches
   * Databricks, in every mode, instead of being confirmed as a change of data. Sorted, so that the
   * did-you-mean of a mistyped keyword is stable ({@link #SUGGESTION_ORDER}).
   */
  private static final SortedSet<String> STATEMENT_STARTS =
      Collections.unmodifiableSortedSet(
          new TreeSet<>(
              Set.of(
                  "SELECT",
                  "WITH",
                  "VALUES",
                  "TABLE",
                  "FROM",
                  "SHOW",
                  "DESCRIBE",
                  "DESC",
                  "EXPLAIN",
                  "LIST",
                  "GET",
                  "INSERT",
                  "UPDATE",
                  "DELETE",
                  "MERGE",
                  "CREATE",
                  "DROP",
                  "ALTER",
                  "TRUNCATE",
                  "GRANT",
                  "REVOKE",
                  "DENY",
                  "COPY",
                  "OPTIMIZE",
                  "VACUUM",
                  "REFRESH",
                  "CACHE",
                  "UNCACHE",
                  "CLEAR",
                  "MSCK",
                  "CALL",
                  "SET",
                  "RESET",
                  "UNSET",
                  "LOAD",
                  "EXECUTE",
                  "RESTORE",
                  "UNDROP",
                  "ANALYZE",
                  "COMMENT",
                  "REPAIR",
                  "PUT",
                  "REMOVE",
                  "DECLARE",
                  "USE",
                  "REORG",
                  "SYNC",
                  "APPLY",
                  "FSCK",
                  "REPLACE",
                  "BEGIN",
                  "COMMIT",
                  "ROLLBACK",
                  "ADD",
                  "CONVERT",
                  "GENERATE",
                  "MAP",
                  "REDUCE",
                  "CLONE",
                  "KILL",
                  "START",
                  "END",
                  "ABORT",
                  "IF",
                  "CASE",
                  "FOR",
                  "LOOP",
                  "WHILE",
                  "REPEAT",
                  "LEAVE",
                  "ITERATE",
                  "SIGNAL",
                  "RESIGNAL")));

  /** What follows SET in a statement that only changes the session. */
  private static final Set<String> SESSION_SET = Set.of("VAR", "VARIABLE", "CATALOG", "SCHEMA");

  /** EXECUTE IMMEDIATE nests this deep at most before its SQL counts as unknown. */
  private static final int MAX_NESTING = 3;

  public enum StatementKind {
    READ,
    WRITE,
    /** A query that calls a function the policy restricts. */
    RESTRICTED_CALL,
    /**
     * USE, SET or RESET of the session's catalog, schema, variables or settings: changes no data,
     * but is not a read either (refused in read-only mode).
     */
    SESSION,
    /** Does not start with a word that starts a Databricks SQL statement (a typo: SELEC 1). */
    UNRECOGNISED
  }

  /**
   * One statement of the input.
   *
   * @param reason why it is not read-only (null when it is)
   * @param functions the restricted functions it calls (a write may call them too)
   */
  public record Statement(
      String text,
      StatementKind kind,
      String keyword,
      String reason,
      List<FunctionPolicy.Hit> functions) {
    public boolean readOnly() {
      return kind == StatementKind.READ;
    }

    /** Runs without asking to confirm a change of data: a read, or a change of the session. */
    public boolean changesNoData() {
      return kind == StatementKind.READ || kind == StatementKind.SESSION;
    }
  }

  /** The input split into statements, or the reason it could not be read at all. */
  public record Result(List<Statement> statements, String unreadable) {
    public boolean allReadOnly() {
      return unreadable == null
          && !statements.isEmpty()
          && statements.stream().allMatch(Statement::readOnly);
    }

    /** Every statement reads or changes only the session: nothing to confirm. */
    public boolean noDataChange() {
      return unreadable == null
          && !statements.isEmpty()
          && statements.stream().allMatch(Statement::changesNoData);
    }

    /** The first statement that is not recognised as Databricks SQL, or null. */
    public Statement unrecognised() {
      return statements.stream()
          .filter(s -> s.kind() == StatementKind.UNRECOGNISED)
          .findFirst()
          .orElse(null);
    }

    /** Every restricted call, in order, each once. */
    public List<FunctionPolicy.Hit> functions() {
      return statements.stream()
          .flatMap(s -> s.functions().stream())
          .distinct()
          .collect(Collectors.toList());
    }

    /**
     * The first call refused in every mode unless allowed (outbound/secret or unresolved), or null.
     */
    public FunctionPolicy.Hit strictFunction() {
      return functions().stream()
          .filter(h -> h.category().refusedUnlessAllowed())
          .findFirst()
          .orElse(null);
    }

    /** The name of {@link #strictFunction()}, or null. */
    public String outboundFunction() {
      FunctionPolicy.Hit hit = strictFunction();
      return hit == null ? null : hit.function();
    }
  }

  private SqlClassifier() {}

  public static Result classify(String sql) {
    return classify(sql, 0);
  }

  private static Result classify(String sql, int nesting) {
    List<Token> tokens;
    try {
      tokens = SqlLexer.tokens(sql);
    } catch (SqlLexer.LexError e) {
      return new Result(List.of(), "the SQL cannot be read with certainty: " + e.getMessage());
    }
    List<Statement> statements = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= tokens.size(); i++) {
      if (i == tokens.size() || tokens.get(i).symbol(";")) {
        if (i > from) {
          int start = tokens.get(from).start();
          statements.add(
              statement(
                  sql.substring(start, tokens.get(i - 1).end()), tokens.subList(from, i), nesting));
        }
        from = i + 1;
      }
    }
    return new Result(statements, null);
  }

  private static Statement statement(String text, List<Token> tokens, int nesting) {
    Token first = tokens.get(0);
    String keyword = first.kind() == Kind.WORD ? SqlLexer.upper(first.text()) : first.text();
    List<FunctionPolicy.Hit> hits = calls(tokens, nesting);
    if (!(first.kind() == Kind.WORD && STATEMENT_STARTS.contains(keyword) || first.symbol("("))) {
      return new Statement(text, StatementKind.UNRECOGNISED, keyword, unrecognised(first), hits);
    }
    String why = writeReason(tokens, first, keyword);
    if (why != null) {
      if (hits.isEmpty() && sessionOnly(tokens, keyword)) {
        return new Statement(
            text,
            StatementKind.SESSION,
            keyword,
            keyword
                + " changes the session (current catalog, schema, variables or settings), not"
                + " data, but it is not a read (to give a statement a default catalog and schema,"
                + " pass catalog and schema)",
            hits);
      }
      return new Statement(text, StatementKind.WRITE, keyword, why, hits);
    }
    if (!hits.isEmpty()) {
      String list =
          hits.stream().map(FunctionPolicy.Hit::describe).collect(Collectors.joining(", "));
      return new Statement(
          text,
          StatementKind.RESTRICTED_CALL,
          keyword,
          "the statement calls " + list + ", which a read-only server does not run",
          hits);
    }
    return new Statement(text, StatementKind.READ, keyword, null, hits);
  }

  /** STATEMENT_STARTS as a did-you-mean tries them: the reads, then the rest, each alphabetical. */
  private static final List<String> SUGGESTION_ORDER =
      java.util.stream.Stream.concat(
              STATEMENT_STARTS.stream().filter(READ_STARTS::contains),
              STATEMENT_STARTS.stream().filter(w -> !READ_STARTS.contains(w)))
          .toList();

  private static String unrecognised(Token first) {
    String word = first.kind() == Kind.WORD ? SqlLexer.upper(first.text()) : null;
    String closest = null;
    int best = 3;
    if (word != null) {
      for (String start : SUGGESTION_ORDER) {
        int d = distance(word, start);
        // reads first, then alphabetical: of the equally close, the first is kept, so a typo is
        // never answered with a destructive statement when a read is as close (SELETC: SELECT)
        if (d < best) {
          best = d;
          closest = start;
        }
      }
    }
    return "'"
        + (first.text().length() > 40 ? first.text().substring(0, 40) + "…" : first.text())
        + "' does not start a Databricks SQL statement"
        + (closest == null ? "" : " (did you mean " + closest + "?)")
        + "; nothing was run";
  }

  /** Edit distance, for the did-you-mean of a mistyped statement keyword. */
  static int distance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        row[j] =
            Math.min(
                Math.min(row[j] + 1, row[j - 1] + 1),
                diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length()];
  }

  /**
   * USE …, SET (alone, a setting key, VAR, VARIABLE, CATALOG, SCHEMA, TIME ZONE) or RESET, with no
   * keyword after the first that can change data. SET TAG ON … (which writes tags) and every other
   * SET form are not session-only.
   */
  private static boolean sessionOnly(List<Token> tokens, String keyword) {
    if (!(keyword.equals("USE") || keyword.equals("SET") || keyword.equals("RESET"))) {
      return false;
    }
    if (keyword.equals("SET") && tokens.size() > 1) {
      Token second = tokens.get(1);
      String word = second.kind() == Kind.WORD ? SqlLexer.upper(second.text()) : "";
      boolean timeZone = word.equals("TIME") && tokens.size() > 2 && tokens.get(2).word("ZONE");
      if (!SESSION_SET.contains(word) && !timeZone && !settingKey(tokens)) {
        return false;
      }
    }
    return writeReason(tokens.subList(1, tokens.size()), 0) == null;
  }

  /**
   * SET a.b.c = …, or SET a.b.c alone: words joined by dots, then '=' or the end. The tokens are
   * SET and at least one more, so the loop starts on a token, and it goes on only to a word after a
   * dot.
   */
  private static boolean settingKey(List<Token> tokens) {
    int i = 1;
    while (tokens.get(i).kind() == Kind.WORD) {
      i++;
      if (i == tokens.size() || !tokens.get(i).symbol(".")) {
        break;
      }
      i++;
      if (i == tokens.size() || tokens.get(i).kind() != Kind.WORD) {
        return false;
      }
    }
    return i > 1 && (i == tokens.size() || tokens.get(i).symbol("="));
  }

  /** Why the statement can change something, or null when it only reads. */
  private static String writeReason(List<Token> tokens, Token first, String keyword) {
    if (!(first.kind() == Kind.WORD && READ_STARTS.contains(keyword) || first.symbol("("))) {
      return keyword
          + " statements are not read-only (only SELECT, WITH, VALUES, TABLE, FROM, SHOW, DESCRIBE"
          + " and EXPLAIN are)";
    }
    return writeReason(tokens, 0);
  }

  /** Why the tokens from {@code from} on can change something, or null. */
  private static String writeReason(List<Token> tokens, int from) {
    for (int i = from; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      boolean beforeParen = i + 1 < tokens.size() && tokens.get(i + 1).symbol("(");
      if (t.kind() == Kind.WORD
          && WRITE_KEYWORDS.contains(SqlLexer.upper(t.text()))
          && !(beforeParen && t.word("REPLACE"))) {
        return "the statement contains "
            + SqlLexer.upper(t.text())
            + ", which can change data (quote an identifier "
            + "named like a keyword with backticks)";
      }
      if (t.word("USING") && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.STRING) {
        return "the statement runs an external program (TRANSFORM … USING 'script')";
      }
      if (t.kind() == Kind.DOLLAR_STRING) {
        return "the statement holds a $$-quoted body, which is code in another language, not a"
            + " query";
      }
    }
    return null;
  }

  /** Restricted calls of the statement, and of the SQL it runs through EXECUTE IMMEDIATE. */
  private static List<FunctionPolicy.Hit> calls(List<Token> tokens, int nesting) {
    Set<FunctionPolicy.Hit> hits =
        new LinkedHashSet<>(FunctionCalls.find(tokens, FunctionPolicy.builtIn()));
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (tokens.get(i).word("EXECUTE") && tokens.get(i + 1).word("IMMEDIATE")) {
        hits.addAll(dynamicSqlCalls(tokens, i + 2, nesting));
      }
    }
    return new ArrayList<>(hits);
  }

  /** EXECUTE IMMEDIATE 'sql' is classified in turn; SQL built at run time could call anything. */
  private static List<FunctionPolicy.Hit> dynamicSqlCalls(List<Token> tokens, int at, int nesting) {
    boolean literal =
        at < tokens.size()
            && tokens.get(at).kind() == Kind.STRING
            && (at + 1 == tokens.size() || tokens.get(at + 1).kind() == Kind.WORD);
    String sql = literal ? SqlLiterals.stringValue(tokens.get(at)) : null;
    if (sql == null || nesting >= MAX_NESTING) {
      return List.of(FunctionPolicy.unresolved("EXECUTE IMMEDIATE <expression>"));
    }
    Result inner = classify(sql, nesting + 1);
    if (inner.unreadable() != null) {
      return List.of(FunctionPolicy.unresolved("EXECUTE IMMEDIATE <unreadable SQL>"));
    }
    return inner.functions();
  }
}
