package dev.databricksmcp.server.tools.sql;

import dev.databricksmcp.server.tools.sql.SqlLexer.Kind;
import dev.databricksmcp.server.tools.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

  /** EXECUTE IMMEDIATE nests this deep at most before its SQL counts as unknown. */
  private static final int MAX_NESTING = 3;

  public enum StatementKind {
    READ,
    WRITE,
    /** A query that calls a function the policy restricts. */
    RESTRICTED_CALL
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
  }

  /** The input split into statements, or the reason it could not be read at all. */
  public record Result(List<Statement> statements, String unreadable) {
    public boolean allReadOnly() {
      return unreadable == null
          && !statements.isEmpty()
          && statements.stream().allMatch(Statement::readOnly);
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
    String why = writeReason(tokens, first, keyword);
    if (why != null) {
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

  /** Why the statement can change something, or null when it only reads. */
  private static String writeReason(List<Token> tokens, Token first, String keyword) {
    if (!(first.kind() == Kind.WORD && READ_STARTS.contains(keyword) || first.symbol("("))) {
      return keyword
          + " statements are not read-only (only SELECT, WITH, VALUES, TABLE, FROM, SHOW, DESCRIBE"
          + " and EXPLAIN are)";
    }
    for (int i = 0; i < tokens.size(); i++) {
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
