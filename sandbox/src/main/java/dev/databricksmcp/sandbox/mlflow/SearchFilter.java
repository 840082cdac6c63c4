package dev.databricksmcp.sandbox.mlflow;

import dev.databricksmcp.sandbox.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MLflow's search filter (https://mlflow.org/docs/latest/search-runs.html): clauses joined by
 * {@code AND} (there is no {@code OR}), each an identifier ({@code metrics.auc}, {@code
 * params."model-type"}, {@code tags.`mlflow.user`}, {@code attributes.status}), a comparator and a
 * constant (a number, a quoted string, or a parenthesised list of strings after {@code IN} / {@code
 * NOT IN}). This class only parses; which identifiers and comparators a search accepts is {@link
 * RunFilter}'s and {@link ExperimentFilter}'s. Errors are INVALID_PARAMETER_VALUE with messages
 * shaped like MLflow's own {@code SearchUtils} ("Invalid clause(s) in filter string: 'OR'").
 */
final class SearchFilter {
  /** The comparators of the grammar, upper-case. */
  static final Set<String> COMPARATORS =
      Set.of("=", "!=", "<", "<=", ">", ">=", "LIKE", "ILIKE", "IN", "NOT IN");

  /**
   * One clause: the entity type as written (lower-case, null when the identifier had no prefix),
   * the key, the comparator (upper-case) and the constant.
   */
  record Clause(String type, String key, String comparator, Value value) {}

  /** A constant: a number (as written), a string, or a list of strings. */
  record Value(String text, boolean quoted, List<String> list) {
    boolean isNumber() {
      return !quoted && list == null;
    }
  }

  private final String filter;
  private int pos;

  private SearchFilter(String filter) {
    this.filter = filter;
  }

  /** The clauses of a filter; none for a null or blank one. */
  static List<Clause> parse(String filter) {
    List<Clause> clauses = new ArrayList<>();
    if (filter == null || filter.isBlank()) {
      return clauses;
    }
    SearchFilter p = new SearchFilter(filter);
    while (true) {
      clauses.add(p.clause());
      p.skipSpace();
      if (p.pos >= filter.length()) {
        return clauses;
      }
      String word = p.word();
      if (!"AND".equalsIgnoreCase(word)) {
        throw invalid(
            "Invalid clause(s) in filter string: '" + (word.isEmpty() ? p.rest() : word) + "'");
      }
    }
  }

  static ApiException invalid(String message) {
    return ApiException.invalid(message);
  }

  private Clause clause() {
    skipSpace();
    String first = name();
    String type = null;
    String key = first;
    if (pos < filter.length() && filter.charAt(pos) == '.' && !quotedName) {
      pos++;
      type = first.toLowerCase(Locale.ROOT);
      key = name();
      // an unquoted key runs to the comparator: tags.mlflow.runName is the tag "mlflow.runName"
      while (!quotedName && pos < filter.length() && filter.charAt(pos) == '.') {
        pos++;
        key = key + "." + name();
      }
    }
    if (key.isEmpty()) {
      throw invalid("Invalid filter '" + filter + "'. Could not be parsed.");
    }
    skipSpace();
    String comparator = comparator();
    skipSpace();
    Value value = value(comparator);
    return new Clause(type, key, comparator, value);
  }

  private boolean quotedName;

  /** An identifier part: a bare word, or a name in double quotes or backticks. */
  private String name() {
    quotedName = false;
    if (pos < filter.length() && (filter.charAt(pos) == '"' || filter.charAt(pos) == '`')) {
      quotedName = true;
      return quoted(filter.charAt(pos));
    }
    int start = pos;
    while (pos < filter.length()) {
      char c = filter.charAt(pos);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
        break;
      }
      pos++;
    }
    return filter.substring(start, pos);
  }

  private String comparator() {
    int start = pos;
    if (pos < filter.length() && "=!<>".indexOf(filter.charAt(pos)) >= 0) {
      while (pos < filter.length() && "=!<>".indexOf(filter.charAt(pos)) >= 0) {
        pos++;
      }
    } else {
      String w = word().toUpperCase(Locale.ROOT);
      if ("NOT".equals(w)) {
        skipSpace();
        w = "NOT " + word().toUpperCase(Locale.ROOT);
      }
      if (COMPARATORS.contains(w)) {
        return w;
      }
      pos = start;
    }
    String op = filter.substring(start, pos);
    if (!COMPARATORS.contains(op)) {
      String shown = op.isEmpty() ? word() : op;
      throw invalid(
          "Invalid comparator '" + shown + "' not one of '" + List.copyOf(COMPARATORS_SHOWN) + "'");
    }
    return op;
  }

  private static final List<String> COMPARATORS_SHOWN =
      List.of("=", "!=", ">", ">=", "<", "<=", "LIKE", "ILIKE", "IN", "NOT IN");

  private Value value(String comparator) {
    if (pos >= filter.length()) {
      throw invalid("Invalid filter '" + filter + "'. Could not be parsed.");
    }
    char c = filter.charAt(pos);
    if (comparator.endsWith("IN")) {
      if (c != '(') {
        throw invalid(
            "While parsing a list in the query, expected a non-empty list of string values, but"
                + " got "
                + rest());
      }
      pos++;
      List<String> items = new ArrayList<>();
      while (true) {
        skipSpace();
        if (pos >= filter.length() || (filter.charAt(pos) != '\'' && filter.charAt(pos) != '"')) {
          throw invalid(
              "While parsing a list in the query, expected string value or punctuation, but got"
                  + " "
                  + rest());
        }
        items.add(quoted(filter.charAt(pos)));
        skipSpace();
        if (pos < filter.length() && filter.charAt(pos) == ',') {
          pos++;
          continue;
        }
        if (pos < filter.length() && filter.charAt(pos) == ')') {
          pos++;
          return new Value(null, true, List.copyOf(items));
        }
        throw invalid("Invalid filter '" + filter + "'. Could not be parsed.");
      }
    }
    if (c == '\'' || c == '"') {
      return new Value(quoted(c), true, null);
    }
    int start = pos;
    while (pos < filter.length() && !Character.isWhitespace(filter.charAt(pos))) {
      pos++;
    }
    String text = filter.substring(start, pos);
    try {
      Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw invalid("Invalid filter '" + filter + "'. Could not be parsed.");
    }
    return new Value(text, false, null);
  }

  /** A quoted text from the quote at pos; a doubled quote inside stands for one. */
  private String quoted(char quote) {
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < filter.length()) {
      char c = filter.charAt(pos++);
      if (c == quote) {
        if (pos < filter.length() && filter.charAt(pos) == quote) {
          out.append(quote);
          pos++;
          continue;
        }
        return out.toString();
      }
      out.append(c);
    }
    throw invalid("Invalid filter '" + filter + "'. Could not be parsed.");
  }

  private String word() {
    int start = pos;
    while (pos < filter.length() && Character.isLetter(filter.charAt(pos))) {
      pos++;
    }
    return filter.substring(start, pos);
  }

  private String rest() {
    return filter.substring(Math.min(pos, filter.length())).trim();
  }

  private void skipSpace() {
    while (pos < filter.length() && Character.isWhitespace(filter.charAt(pos))) {
      pos++;
    }
  }

  /** SQL LIKE: {@code %} any run of characters, {@code _} one; ILIKE ignores case. */
  static boolean like(String value, String pattern, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    int flags = java.util.regex.Pattern.DOTALL;
    if (ignoreCase) {
      flags |= java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE;
    }
    return java.util.regex.Pattern.compile(regex.toString(), flags).matcher(value).matches();
  }
}
