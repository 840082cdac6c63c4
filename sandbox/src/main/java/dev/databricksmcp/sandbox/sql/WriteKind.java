package dev.databricksmcp.sandbox.sql;

import dev.databricksmcp.sandbox.sql.SqlTokenizer.Token;
import java.util.List;
import java.util.Set;

/**
 * What a statement writes, for the one-row result Databricks answers a data write with: the columns
 * of that row, in Databricks' order, each a {@code LONG}. Reads and DDL without a query write no
 * rows and answer no rows.
 *
 * <p>Where the columns come from (the reference pages of the statements are silent on their
 * result): DELETE and UPDATE answer {@code num_affected_rows} and MERGE adds {@code
 * num_updated_rows}, {@code num_deleted_rows} and {@code num_inserted_rows}, as Delta Lake's own
 * commands declare their output (DeleteCommand, UpdateCommand, MergeIntoCommand in delta-io/delta);
 * an INSERT on Databricks answers {@code num_affected_rows} and {@code num_inserted_rows} (observed
 * and reported in jOOQ issue #19733), and a CREATE TABLE … AS SELECT answers the same two columns
 * (seen in exported Databricks notebooks).
 */
enum WriteKind {
  NONE(List.of()),
  INSERT(List.of("num_affected_rows", "num_inserted_rows")),
  UPDATE(List.of("num_affected_rows")),
  DELETE(List.of("num_affected_rows")),
  MERGE(List.of("num_affected_rows", "num_updated_rows", "num_deleted_rows", "num_inserted_rows")),
  CREATE_TABLE_AS(List.of("num_affected_rows", "num_inserted_rows"));

  /** Names of the objects CREATE may make; only TABLE takes rows from a query. */
  private static final Set<String> OBJECTS =
      Set.of(
          "TABLE",
          "VIEW",
          "SCHEMA",
          "DATABASE",
          "CATALOG",
          "FUNCTION",
          "VOLUME",
          "MATERIALIZED",
          "STREAMING",
          "CONNECTION",
          "SHARE",
          "RECIPIENT",
          "MACRO",
          "SEQUENCE",
          "INDEX",
          "TYPE");

  private final List<String> columns;

  WriteKind(List<String> columns) {
    this.columns = columns;
  }

  /** The result's columns for this kind of write, empty for {@link #NONE}. */
  List<String> columns() {
    return columns;
  }

  /** The write one statement's tokens make (see {@link SingleStatement}). */
  static WriteKind of(List<Token> statement) {
    List<Token> words = statement.stream().filter(Token::significant).toList();
    if (words.isEmpty()) {
      return NONE;
    }
    Token first = words.get(0);
    if (first.is("WITH")) {
      // WITH a AS (…), b AS (…) INSERT …: the statement is the first word outside the brackets
      // that is not a name, AS or a comma
      int depth = 0;
      for (int i = 1; i < words.size(); i++) {
        Token t = words.get(i);
        if (t.isSymbol("(")) {
          depth++;
        } else if (t.isSymbol(")")) {
          depth--;
        } else if (depth == 0) {
          WriteKind k = dml(t);
          if (k != NONE || t.is("SELECT") || t.is("VALUES") || t.is("FROM") || t.is("TABLE")) {
            return k;
          }
        }
      }
      return NONE;
    }
    WriteKind k = dml(first);
    if (k != NONE) {
      return k;
    }
    if (first.is("CREATE") || first.is("REPLACE")) {
      return createsTableFromQuery(words) ? CREATE_TABLE_AS : NONE;
    }
    return NONE;
  }

  private static WriteKind dml(Token t) {
    if (t.is("INSERT")) {
      return INSERT;
    }
    if (t.is("UPDATE")) {
      return UPDATE;
    }
    if (t.is("DELETE")) {
      return DELETE;
    }
    if (t.is("MERGE")) {
      return MERGE;
    }
    return NONE;
  }

  /** CREATE [OR REPLACE] … TABLE name … AS query: an AS outside brackets after TABLE. */
  private static boolean createsTableFromQuery(List<Token> words) {
    int at = -1;
    for (int i = 1; i < words.size(); i++) {
      Token t = words.get(i);
      if (t.kind() == SqlTokenizer.Kind.WORD
          && OBJECTS.contains(t.text().toUpperCase(java.util.Locale.ROOT))) {
        if (!t.is("TABLE")) {
          return false;
        }
        at = i;
        break;
      }
    }
    if (at < 0) {
      return false;
    }
    int depth = 0;
    for (int i = at + 1; i < words.size(); i++) {
      Token t = words.get(i);
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && t.is("AS")) {
        return true;
      }
    }
    return false;
  }
}
