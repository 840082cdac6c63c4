package dev.databricksmcp.server.tools.sql;

import dev.databricksmcp.server.tools.sql.SqlLexer.Kind;
import dev.databricksmcp.server.tools.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides, from a real tokenization, whether SQL can change anything. Fails closed: only statements
 * that start as a query (SELECT, WITH, VALUES, a parenthesised query, SHOW, DESCRIBE, EXPLAIN) and
 * contain no write keyword anywhere — in a CTE, a subquery, an explained statement — are read-only;
 * anything it cannot tokenize or does not recognise is not.
 */
public final class SqlClassifier {
  /** Statements that only read. */
  private static final Set<String> READ_STARTS = Set.of("SELECT", "WITH", "VALUES", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "FROM");
  /** Keywords that, anywhere in a statement, mean it can change something. */
  private static final Set<String> WRITE_KEYWORDS =
      Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE", "COPY", "OPTIMIZE",
          "VACUUM", "REFRESH", "CACHE", "UNCACHE", "MSCK", "CALL", "SET", "RESET", "LOAD", "INTO", "OVERWRITE", "EXECUTE", "EXEC",
          "RESTORE", "CLONE", "UNDROP", "ANALYZE", "COMMENT", "REPAIR", "PUT", "REMOVE", "DECLARE", "USE", "REORG", "SYNC",
          "APPLY", "FSCK", "REPLACE");
  /** Functions that reach outside the workspace or read secrets: refused in every mode unless allowed. */
  public static final Set<String> OUTBOUND_FUNCTIONS = Set.of("http_request", "secret", "list_secrets");

  public enum StatementKind {
    READ,
    WRITE
  }

  /**
   * One statement of the input.
   *
   * @param reason why it is not read-only (null when it is)
   */
  public record Statement(String text, StatementKind kind, String keyword, String reason) {
    public boolean readOnly() {
      return kind == StatementKind.READ;
    }
  }

  /** The input split into statements, or the reason it could not be read at all. */
  public record Result(List<Statement> statements, String unreadable, String outboundFunction) {
    public boolean allReadOnly() {
      return unreadable == null && !statements.isEmpty() && statements.stream().allMatch(Statement::readOnly);
    }
  }

  private SqlClassifier() {}

  public static Result classify(String sql) {
    List<Token> tokens;
    try {
      tokens = SqlLexer.tokens(sql);
    } catch (SqlLexer.LexError e) {
      return new Result(List.of(), "the SQL cannot be read with certainty: " + e.getMessage(), null);
    }
    String outbound = null;
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() == Kind.WORD && OUTBOUND_FUNCTIONS.contains(t.text().toLowerCase(Locale.ROOT)) && tokens.get(i + 1).symbol("(")) {
        outbound = t.text().toLowerCase(Locale.ROOT);
      }
    }
    List<Statement> statements = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    int start = 0;
    for (Token t : tokens) {
      if (t.symbol(";")) {
        if (!current.isEmpty()) {
          statements.add(statement(sql.substring(start, t.end() - 1).strip(), current));
        }
        current = new ArrayList<>();
        start = t.end();
      } else {
        current.add(t);
      }
    }
    if (!current.isEmpty()) {
      statements.add(statement(sql.substring(start).strip(), current));
    }
    return new Result(statements, null, outbound);
  }

  private static Statement statement(String text, List<Token> tokens) {
    Token first = tokens.get(0);
    String keyword = first.kind() == Kind.WORD ? first.text().toUpperCase(Locale.ROOT) : first.text();
    boolean queryStart = READ_STARTS.contains(keyword) || first.symbol("(");
    if (!queryStart) {
      return new Statement(text, StatementKind.WRITE, keyword, keyword + " statements are not read-only (only SELECT, WITH, VALUES, SHOW, DESCRIBE and EXPLAIN are)");
    }
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() != Kind.WORD) {
        continue;
      }
      String word = t.text().toUpperCase(Locale.ROOT);
      boolean call = i + 1 < tokens.size() && tokens.get(i + 1).symbol("(");
      if (WRITE_KEYWORDS.contains(word) && !(call && word.equals("REPLACE"))) {
        return new Statement(text, StatementKind.WRITE, keyword,
            "the statement contains " + word + ", which can change data (quote an identifier named like a keyword with backticks)");
      }
    }
    return new Statement(text, StatementKind.READ, keyword, null);
  }
}
