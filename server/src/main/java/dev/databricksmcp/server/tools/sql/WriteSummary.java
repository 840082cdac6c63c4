package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.service.sql.ColumnInfo;
import com.databricks.sdk.service.sql.StatementResponse;
import dev.databricksmcp.server.core.Counted;
import dev.databricksmcp.server.tools.sql.SqlLexer.Kind;
import dev.databricksmcp.server.tools.sql.SqlLexer.Token;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a finished write did, in words and fields, instead of an empty table: "Created table t with
 * 3 rows.", "Inserted 2 rows into t.", "Updated 1 row in t.", "Deleted 5 rows from t.", "Merged
 * into t: 2 rows updated, 1 inserted, 0 deleted.", and "Done: CREATE SCHEMA main.x." for a
 * statement that writes no rows.
 *
 * <p>Databricks answers a data write with one row of counts ({@code num_affected_rows}, and {@code
 * num_inserted_rows}, {@code num_updated_rows}, {@code num_deleted_rows} as the kind of write has
 * them); the statement, when known, names the kind and the table. Without it (get_statement), the
 * shape of the row alone says what it can.
 *
 * @param message the sentence for the tool's message
 * @param fields what goes into data: {@code operation}, {@code table} and the counts in snake_case
 *     ({@code affected_rows}, {@code inserted_rows}, {@code updated_rows}, {@code deleted_rows})
 */
record WriteSummary(String message, Map<String, Object> fields) {
  private static final Pattern COUNT_COLUMN = Pattern.compile("num_[a-z_]+_rows");
  private static final int MAX_STATEMENT_CHARS = 120;

  /** The kinds of write that answer with counts. */
  enum Operation {
    CREATE_TABLE_AS_SELECT,
    INSERT,
    INSERT_OVERWRITE,
    UPDATE,
    DELETE,
    MERGE
  }

  /** What the statement's text says it writes: its kind, the table as written, OR REPLACE. */
  record Target(Operation operation, String table, boolean replace) {}

  /**
   * The summary of a SUCCEEDED statement, or null when its result is a table to show as such (a
   * read, or a write that answers rows of its own, such as OPTIMIZE's metrics).
   *
   * @param statement the statement's text when the caller has it, else null
   */
  static WriteSummary of(String statement, StatementResponse r) {
    SqlClassifier.Statement classified = null;
    if (statement != null) {
      SqlClassifier.Result c = SqlClassifier.classify(statement);
      if (c.unreadable() == null && c.statements().size() == 1) {
        classified = c.statements().get(0);
      }
      if (classified != null && classified.readOnly()) {
        return null;
      }
    }
    Map<String, Long> counts = counts(r);
    if (counts != null) {
      Target target = statement == null ? null : target(statement);
      return counted(target, counts);
    }
    if (classified != null
        && (classified.kind() == SqlClassifier.StatementKind.WRITE
            || classified.kind() == SqlClassifier.StatementKind.SESSION)
        && columns(r).isEmpty()) {
      return new WriteSummary("Done: " + shortened(classified.text()) + ".", Map.of());
    }
    return null;
  }

  private static WriteSummary counted(Target target, Map<String, Long> counts) {
    long affected = counts.getOrDefault("num_affected_rows", 0L);
    Long inserted = counts.get("num_inserted_rows");
    Long updated = counts.get("num_updated_rows");
    Long deleted = counts.get("num_deleted_rows");
    Operation op = target == null ? null : target.operation();
    if (op == null) {
      // only the row's shape to go by
      op =
          updated != null || deleted != null
              ? Operation.MERGE
              : inserted != null ? Operation.INSERT : null;
    }
    String table = target == null ? null : target.table();
    Map<String, Object> fields = new LinkedHashMap<>();
    if (op != null) {
      fields.put("operation", op.name());
    }
    if (table != null) {
      fields.put("table", table);
    }
    fields.put("affected_rows", affected);
    if (inserted != null) {
      fields.put("inserted_rows", inserted);
    }
    if (updated != null) {
      fields.put("updated_rows", updated);
    }
    if (deleted != null) {
      fields.put("deleted_rows", deleted);
    }
    long in = inserted == null ? affected : inserted;
    String message =
        op == null
            ? Counted.of(affected, "row") + " affected."
            : switch (op) {
              case CREATE_TABLE_AS_SELECT ->
                  (target.replace() ? "Created or replaced " : "Created ")
                      + (table == null ? "the table" : "table " + table)
                      + " with "
                      + Counted.of(in, "row")
                      + ".";
              case INSERT ->
                  "Inserted "
                      + Counted.of(in, "row")
                      + (table == null ? "" : " into " + table)
                      + ".";
              case INSERT_OVERWRITE ->
                  "Overwrote "
                      + (table == null ? "the table" : table)
                      + " with "
                      + Counted.of(in, "row")
                      + ".";
              case UPDATE ->
                  "Updated "
                      + Counted.of(affected, "row")
                      + (table == null ? "" : " in " + table)
                      + ".";
              case DELETE ->
                  "Deleted "
                      + Counted.of(affected, "row")
                      + (table == null ? "" : " from " + table)
                      + ".";
              case MERGE ->
                  "Merged"
                      + (table == null ? "" : " into " + table)
                      + ": "
                      + Counted.of(updated == null ? 0 : updated, "row")
                      + " updated, "
                      + (inserted == null ? 0 : inserted)
                      + " inserted, "
                      + (deleted == null ? 0 : deleted)
                      + " deleted.";
            };
    return new WriteSummary(message, fields);
  }

  /**
   * The one row of counts a data write answers with, by column name, or null when the result is not
   * that row.
   */
  static Map<String, Long> counts(StatementResponse r) {
    List<ColumnInfo> columns = columns(r);
    if (columns.isEmpty()
        || !"num_affected_rows".equals(columns.get(0).getName())
        || r.getManifest().getTotalRowCount() == null
        || r.getManifest().getTotalRowCount() != 1
        || r.getResult() == null
        || r.getResult().getDataArray() == null
        || r.getResult().getDataArray().size() != 1) {
      return null;
    }
    List<String> row = new ArrayList<>(r.getResult().getDataArray().iterator().next());
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      String name = columns.get(i).getName();
      if (name == null || !COUNT_COLUMN.matcher(name).matches() || i >= row.size()) {
        return null;
      }
      try {
        counts.put(name, row.get(i) == null ? 0L : Long.parseLong(row.get(i).trim()));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return counts;
  }

  private static List<ColumnInfo> columns(StatementResponse r) {
    if (r.getManifest() == null || r.getManifest().getSchema() == null) {
      return List.of();
    }
    Collection<ColumnInfo> columns = r.getManifest().getSchema().getColumns();
    return columns == null ? List.of() : new ArrayList<>(columns);
  }

  /** The statement on one line, cut at {@value #MAX_STATEMENT_CHARS} characters. */
  private static String shortened(String statement) {
    String line = statement.strip().replaceAll("\\s+", " ");
    while (line.endsWith(";")) {
      line = line.substring(0, line.length() - 1).strip();
    }
    return line.length() > MAX_STATEMENT_CHARS
        ? line.substring(0, MAX_STATEMENT_CHARS - 1) + "…"
        : line;
  }

  /** The kind of write and its table, read from the statement's tokens; null when not a write. */
  static Target target(String statement) {
    List<Token> t;
    try {
      t = SqlLexer.tokens(statement);
    } catch (SqlLexer.LexError e) {
      return null;
    }
    int i = 0;
    if (!t.isEmpty() && t.get(0).word("WITH")) {
      // WITH a AS (…) INSERT …: the statement starts at the first DML word outside brackets
      i = -1;
      int depth = 0;
      for (int k = 1; k < t.size() && i < 0; k++) {
        Token x = t.get(k);
        if (x.symbol("(")) {
          depth++;
        } else if (x.symbol(")")) {
          depth--;
        } else if (depth == 0
            && (x.word("INSERT") || x.word("UPDATE") || x.word("DELETE") || x.word("MERGE"))) {
          i = k;
        } else if (depth == 0 && x.word("SELECT")) {
          return null;
        }
      }
      if (i < 0) {
        return null;
      }
    }
    if (i >= t.size()) {
      return null;
    }
    Token first = t.get(i);
    if (first.word("INSERT")) {
      boolean overwrite = i + 1 < t.size() && t.get(i + 1).word("OVERWRITE");
      int at = i + 2;
      if (at < t.size() && t.get(at).word("TABLE")) {
        at++;
      }
      return new Target(
          overwrite ? Operation.INSERT_OVERWRITE : Operation.INSERT, name(t, at), false);
    }
    if (first.word("UPDATE")) {
      return new Target(Operation.UPDATE, name(t, i + 1), false);
    }
    if (first.word("DELETE")) {
      return new Target(
          Operation.DELETE,
          name(t, i + 1 < t.size() && t.get(i + 1).word("FROM") ? i + 2 : i + 1),
          false);
    }
    if (first.word("MERGE")) {
      return new Target(
          Operation.MERGE,
          name(t, i + 1 < t.size() && t.get(i + 1).word("INTO") ? i + 2 : i + 1),
          false);
    }
    if (first.word("CREATE") || first.word("REPLACE")) {
      boolean replace = first.word("REPLACE");
      for (int k = i + 1; k < t.size(); k++) {
        Token x = t.get(k);
        if (x.word("REPLACE")) {
          replace = true;
        } else if (x.word("TABLE")) {
          int at = k + 1;
          if (at + 2 < t.size()
              && t.get(at).word("IF")
              && t.get(at + 1).word("NOT")
              && t.get(at + 2).word("EXISTS")) {
            at += 3;
          }
          return new Target(Operation.CREATE_TABLE_AS_SELECT, name(t, at), replace);
        } else if (x.kind() != Kind.WORD || !MODIFIERS.contains(SqlLexer.upper(x.text()))) {
          return null;
        }
      }
    }
    return null;
  }

  /** Words between CREATE and TABLE. */
  private static final java.util.Set<String> MODIFIERS =
      java.util.Set.of("OR", "EXTERNAL", "TEMPORARY", "TEMP", "GLOBAL", "MANAGED");

  /** The dotted name starting at {@code at} (a.b.c, backticks kept only where needed), or null. */
  private static String name(List<Token> t, int at) {
    StringBuilder out = new StringBuilder();
    int k = at;
    while (k < t.size() && (t.get(k).kind() == Kind.WORD || t.get(k).kind() == Kind.QUOTED_IDENT)) {
      out.append(part(t.get(k)));
      if (k + 2 < t.size() && t.get(k + 1).symbol(".")) {
        out.append('.');
        k += 2;
      } else {
        break;
      }
    }
    return out.isEmpty() || out.charAt(out.length() - 1) == '.' ? null : out.toString();
  }

  private static String part(Token token) {
    if (token.kind() != Kind.QUOTED_IDENT) {
      return token.text();
    }
    String inside = token.text().substring(1, token.text().length() - 1);
    return inside.matches("[A-Za-z_][A-Za-z0-9_]*") ? inside : token.text();
  }
}
