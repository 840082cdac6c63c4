package dev.databricksmcp.sandbox.sql;

import dev.databricksmcp.sandbox.sql.SqlTokenizer.Kind;
import dev.databricksmcp.sandbox.sql.SqlTokenizer.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a sandbox statement may not do, refused before DuckDB sees it: DuckDB's own commands that
 * reach the host or change the engine (files, databases, extensions, settings, secrets), and
 * functions that read files, settings or other workspaces' data, or run SQL text of their own.
 * DuckDB is also locked down (see {@code DuckDbLockdown}); this is the first of the two walls and
 * gives the Databricks-style answer.
 */
final class StatementPolicy {
  /** Statements DuckDB has and a Databricks SQL warehouse answers differently or not at all. */
  private static final Set<String> REFUSED_COMMANDS =
      Set.of(
          "ATTACH",
          "DETACH",
          "COPY",
          "EXPORT",
          "IMPORT",
          "INSTALL",
          "LOAD",
          "FORCE",
          "PRAGMA",
          "SET",
          "RESET",
          "CALL",
          "CHECKPOINT");

  /** Words EXPLAIN may carry in Databricks before the statement it explains. */
  private static final Set<String> EXPLAIN_MODES =
      Set.of("EXTENDED", "CODEGEN", "COST", "FORMATTED");

  private static final Set<String> REFUSED_FUNCTIONS =
      Set.of(
          "http_request",
          "secret",
          "try_secret",
          "list_secrets",
          "read_files",
          "ai_query",
          "getenv",
          "current_setting",
          "query",
          "query_table",
          "glob",
          "sniff_csv",
          "which_secret",
          "json_execute_serialized_sql",
          "sql_auto_complete",
          "load_extension");

  /**
   * DuckDB families that read files or report on the engine (its settings, paths and every table).
   */
  private static final List<String> REFUSED_PREFIXES =
      List.of(
          "read_",
          "parquet_",
          "duckdb_",
          "pragma_",
          "sqlite_",
          "postgres_",
          "mysql_",
          "iceberg_",
          "delta_");

  private StatementPolicy() {}

  /** Refuses the statement when its command is one of DuckDB's that the sandbox does not run. */
  static void checkCommand(List<Token> statement) {
    List<Token> words = statement.stream().filter(Token::significant).toList();
    int at = 0;
    if (!words.isEmpty() && words.get(0).is("EXPLAIN")) {
      at = 1;
      if (at < words.size()
          && words.get(at).kind() == Kind.WORD
          && EXPLAIN_MODES.contains(words.get(at).text().toUpperCase(Locale.ROOT))) {
        at++;
      }
    }
    if (at >= words.size()) {
      return;
    }
    Token first = words.get(at);
    String command = first.kind() == Kind.WORD ? first.text().toUpperCase(Locale.ROOT) : "";
    boolean secret =
        (command.equals("CREATE") || command.equals("DROP")) && mentionsSecret(words, at);
    boolean extensions =
        command.equals("UPDATE") && at + 1 < words.size() && words.get(at + 1).is("EXTENSIONS");
    boolean analyze = at == 1 && (first.is("ANALYZE") || first.is("ANALYSE"));
    if (REFUSED_COMMANDS.contains(command) || secret || extensions || analyze) {
      String shown = analyze ? "EXPLAIN ANALYZE" : secret ? command + " SECRET" : command;
      throw new SqlError(
          "UNSUPPORTED_FEATURE",
          "0A000",
          "The sandbox does not run "
              + shown
              + " statements: it is a workspace, not a shell on the host.");
    }
  }

  /** CREATE [OR REPLACE] [PERSISTENT | TEMPORARY] SECRET, DROP [PERSISTENT | TEMPORARY] SECRET. */
  private static boolean mentionsSecret(List<Token> words, int at) {
    int k = at + 1;
    if (k + 1 < words.size() && words.get(k).is("OR") && words.get(k + 1).is("REPLACE")) {
      k += 2;
    }
    Token scope = k < words.size() ? words.get(k) : null;
    if (scope != null && (scope.is("PERSISTENT") || scope.is("TEMPORARY") || scope.is("TEMP"))) {
      k++;
    }
    return k < words.size() && words.get(k).is("SECRET");
  }

  /** Refuses a call of {@code name} (the last part of a possibly qualified name). */
  static void checkFunction(String name) {
    String fn = name.toLowerCase(Locale.ROOT);
    if (REFUSED_FUNCTIONS.contains(fn) || REFUSED_PREFIXES.stream().anyMatch(fn::startsWith)) {
      throw new SqlError(
          "UNSUPPORTED_FEATURE",
          "0A000",
          "The function `" + fn + "` is not available in the sandbox.");
    }
  }

  /**
   * A string where a table belongs ({@code FROM 'x.csv'}) makes DuckDB read a file of that name.
   */
  static void checkStringAfter(String previousWord) {
    if (previousWord.equals("FROM") || previousWord.equals("JOIN")) {
      throw new SqlError(
          "UNSUPPORTED_FEATURE",
          "0A000",
          "Reading files is not available in the sandbox: a table name is expected after "
              + previousWord
              + ".");
    }
  }
}
