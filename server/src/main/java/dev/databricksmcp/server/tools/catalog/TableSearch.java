package dev.databricksmcp.server.tools.catalog;

import com.databricks.sdk.service.catalog.ColumnInfo;
import com.databricks.sdk.service.catalog.TableInfo;
import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * search_tables' matching: several terms (any may match), each against a table's name, its column
 * names and its comment, scored so the best matches come first: a name equal to a term, then a name
 * starting with it, then a name containing it, then a column, then the comment; a table matching
 * more terms scores higher.
 */
final class TableSearch {
  static final int NAME_EXACT = 100;
  static final int NAME_PREFIX = 60;
  static final int NAME_CONTAINS = 40;
  static final int COLUMN = 20;
  static final int COMMENT = 10;

  /** The longest query accepted. */
  static final int MAX_QUERY_CHARS = 500;

  /** At most this many terms. */
  static final int MAX_TERMS = 10;

  /** One term: its text (lower case) and, when it has wildcards, the pattern it stands for. */
  record Term(String text, Pattern wildcard) {
    boolean inName(String name) {
      return wildcard != null ? wildcard.matcher(name).matches() : name.contains(text);
    }

    boolean inText(String value) {
      return wildcard != null ? wildcard.matcher(value).find() : value.contains(text);
    }
  }

  /** A table that matched: its score, where it matched, which columns. */
  record Match(TableInfo table, int score, List<String> matchedIn, List<String> matchedColumns) {}

  private TableSearch() {}

  /**
   * The terms of {@code query}: split on spaces, '|' and ','; '%' and '*' are wildcards ('_' is the
   * underscore names are full of). A problem is a VALIDATION_ERROR naming {@code field}.
   */
  static List<Term> terms(String field, String query) {
    if (query == null || query.isBlank()) {
      throw ToolException.validation(
          field, "give one or more words to find, e.g. 'order customer'");
    }
    if (query.length() > MAX_QUERY_CHARS) {
      throw ToolException.validation(
          field,
          "is too long (" + query.length() + " characters; at most " + MAX_QUERY_CHARS + ")");
    }
    List<Term> terms = new ArrayList<>();
    for (String raw : query.toLowerCase(Locale.ROOT).split("[\\s|,]+")) {
      String t = raw.strip();
      if (t.isEmpty() || terms.stream().anyMatch(x -> x.text().equals(t))) {
        continue;
      }
      if (t.chars().allMatch(c -> c == '%' || c == '*')) {
        throw ToolException.validation(
            field, "'" + raw + "' matches everything; give part of a name, e.g. 'order%'");
      }
      Pattern wildcard = null;
      if (t.contains("%") || t.contains("*")) {
        StringBuilder regex = new StringBuilder();
        for (String piece : t.split("[%*]", -1)) {
          if (!regex.isEmpty()) {
            regex.append(".*");
          }
          regex.append(Pattern.quote(piece));
        }
        wildcard = Pattern.compile(regex.toString(), Pattern.DOTALL);
      }
      terms.add(new Term(t, wildcard));
    }
    if (terms.isEmpty()) {
      throw ToolException.validation(
          field, "give one or more words to find, e.g. 'order customer'");
    }
    if (terms.size() > MAX_TERMS) {
      throw ToolException.validation(
          field, "has " + terms.size() + " terms; give at most " + MAX_TERMS);
    }
    return terms;
  }

  /** How well {@code t} matches; null when no term matches it. */
  static Match score(TableInfo t, List<Term> terms) {
    String name = t.getName() == null ? "" : t.getName().toLowerCase(Locale.ROOT);
    String comment = t.getComment() == null ? "" : t.getComment().toLowerCase(Locale.ROOT);
    int score = 0;
    List<String> matchedIn = new ArrayList<>();
    List<String> matchedColumns = new ArrayList<>();
    for (Term term : terms) {
      int best = 0;
      if (name.equals(term.text())) {
        best = NAME_EXACT;
      } else if (term.wildcard() == null && name.startsWith(term.text())) {
        best = NAME_PREFIX;
      } else if (term.inName(name)) {
        best = NAME_CONTAINS;
      }
      if (best > 0) {
        addOnce(matchedIn, "name");
      }
      int columnScore = 0;
      if (t.getColumns() != null) {
        for (ColumnInfo c : t.getColumns()) {
          if (c.getName() != null && term.inText(c.getName().toLowerCase(Locale.ROOT))) {
            columnScore = COLUMN;
            addOnce(matchedColumns, c.getName());
          }
        }
      }
      if (columnScore > 0) {
        addOnce(matchedIn, "columns");
      }
      int commentScore = !comment.isEmpty() && term.inText(comment) ? COMMENT : 0;
      if (commentScore > 0) {
        addOnce(matchedIn, "comment");
      }
      score += best + columnScore + commentScore;
    }
    return score == 0 ? null : new Match(t, score, matchedIn, matchedColumns);
  }

  /** A match as a row: list_tables' fields, then where it matched and, on request, the columns. */
  static Map<String, Object> row(Match m, boolean withColumns) {
    Map<String, Object> row = new LinkedHashMap<>(CatalogRows.table(m.table()));
    row.put("matched_in", m.matchedIn());
    if (!m.matchedColumns().isEmpty()) {
      row.put("matched_columns", m.matchedColumns());
    }
    if (withColumns) {
      List<Map<String, Object>> columns = new ArrayList<>();
      if (m.table().getColumns() != null) {
        int position = 0;
        for (ColumnInfo c : m.table().getColumns()) {
          columns.add(CatalogRows.column(c, position++));
        }
      }
      row.put("columns", columns);
    }
    return row;
  }

  private static void addOnce(List<String> list, String value) {
    if (!list.contains(value)) {
      list.add(value);
    }
  }
}
