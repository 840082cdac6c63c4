package dev.databricksmcp.sandbox.sql;

import dev.databricksmcp.sandbox.files.VolumePath;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.sql.SqlTokenizer.Kind;
import dev.databricksmcp.sandbox.sql.SqlTokenizer.Token;
import java.util.List;
import java.util.Locale;

/**
 * The two ways Databricks SQL reads a file, as the sandbox understands them:
 *
 * <ul>
 *   <li>{@code read_files(path [, option_key => option_value] …)} (the read_files table-valued
 *       function, https://docs.databricks.com/sql/language-manual/functions/read_files.html): the
 *       path a string literal, options named. The sandbox reads CSV ({@code format => 'csv'}, or a
 *       path ending in {@code .csv}) with the options {@code header} (default false, Spark's CSV
 *       default), {@code inferColumnTypes} (default true: read_files "can infer a unified schema")
 *       and {@code sep}/{@code delimiter} (default ','). Other formats and options, globs and
 *       directories are refused, never guessed at. The {@code _rescued_data} column Databricks may
 *       add is not produced.
 *   <li>{@code csv.`path`} (Spark's SQL on files): no header, every column a STRING named {@code
 *       _c0, _c1, …} (Spark's CSV defaults, {@code header} and {@code inferSchema} false).
 * </ul>
 *
 * Only files in Unity Catalog volumes ({@code /Volumes/<catalog>/<schema>/<volume>/…}) are read,
 * and only from the sandbox's own store: any other path is refused here, before anything runs.
 */
final class VolumeFileSyntax {
  /** What to read and how. */
  record Options(String path, boolean header, boolean inferTypes, char delimiter) {}

  /** A read_files call: its options and the index of its closing parenthesis. */
  record Call(Options reference, int end) {}

  private VolumeFileSyntax() {}

  /** True for {@code csv.`/…`} (or another format's name before a backticked absolute path). */
  static boolean isFormatPath(List<Token> tokens, int start, int end, List<String> parts) {
    return parts.size() == 2
        && tokens.get(start).kind() == Kind.WORD
        && tokens.get(end).kind() == Kind.BACKTICK_IDENT
        && parts.get(1).startsWith("/");
  }

  static Options formatPath(List<String> parts) {
    String format = parts.get(0).toLowerCase(Locale.ROOT);
    if (!format.equals("csv")) {
      throw unsupported("The sandbox reads CSV files in SQL, not " + format + ".");
    }
    return new Options(volumePath(parts.get(1)), false, false, ',');
  }

  /**
   * @param open the index of the parenthesis after {@code read_files}
   */
  static Call readFiles(List<Token> tokens, int open) {
    int at = next(tokens, open);
    if (at < 0 || tokens.get(at).kind() != Kind.STRING) {
      throw invalid(
          "read_files takes the path as a string literal first, e.g."
              + " read_files('/Volumes/main/default/files/data.csv', format => 'csv').");
    }
    String path = volumePath(tokens.get(at).value());
    String format = path.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : null;
    boolean header = false;
    boolean infer = true;
    char delimiter = ',';
    at = next(tokens, at);
    while (at >= 0 && tokens.get(at).isSymbol(",")) {
      int key = next(tokens, at);
      int arrow = next(tokens, key);
      int value = next(tokens, arrow);
      if (value < 0 || !tokens.get(arrow).isSymbol("=>") || !isName(tokens.get(key))) {
        throw invalid("read_files takes its options by name: option_key => option_value.");
      }
      String name = tokens.get(key).value().toLowerCase(Locale.ROOT);
      String v = literal(tokens.get(value), name);
      switch (name) {
        case "format" -> format = v.toLowerCase(Locale.ROOT);
        case "header" -> header = bool(v, name);
        case "infercolumntypes" -> infer = bool(v, name);
        case "sep", "delimiter" -> delimiter = oneChar(v, name);
        default ->
            throw unsupported("The sandbox's read_files does not take the option " + name + ".");
      }
      at = next(tokens, value);
    }
    if (at < 0 || !tokens.get(at).isSymbol(")")) {
      throw invalid("read_files: expected ',' or ')' after its arguments.");
    }
    if (format == null) {
      throw invalid("read_files in the sandbox needs format => 'csv' for " + path + ".");
    }
    if (!format.equals("csv")) {
      throw unsupported("The sandbox's read_files reads CSV files, not " + format + ".");
    }
    return new Call(new Options(path, header, infer, delimiter), at);
  }

  /** The path when it names one file in a volume; refused otherwise. */
  private static String volumePath(String path) {
    if (!path.startsWith("/Volumes/")) {
      throw unsupported(
          "The sandbox reads files in Unity Catalog volumes only"
              + " (/Volumes/<catalog>/<schema>/<volume>/...), not "
              + path
              + ".");
    }
    if (path.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
      throw unsupported("The sandbox reads one file at a time: no glob patterns (" + path + ").");
    }
    try {
      VolumePath.of(path, "path");
    } catch (ApiException e) {
      throw invalid(e.getMessage());
    }
    return path;
  }

  private static boolean isName(Token t) {
    return t.kind() == Kind.WORD || t.kind() == Kind.BACKTICK_IDENT;
  }

  private static String literal(Token t, String option) {
    if (t.kind() == Kind.STRING || t.kind() == Kind.NUMBER) {
      return t.value();
    }
    if (t.is("TRUE") || t.is("FALSE")) {
      return t.text().toLowerCase(Locale.ROOT);
    }
    throw invalid("The value of read_files option " + option + " must be a literal.");
  }

  private static boolean bool(String v, String option) {
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw invalid("The read_files option " + option + " takes true or false, not '" + v + "'.");
  }

  private static char oneChar(String v, String option) {
    if (v.length() != 1 || v.charAt(0) == '"' || v.charAt(0) == '\n' || v.charAt(0) == '\r') {
      throw invalid("The read_files option " + option + " takes one character, not '" + v + "'.");
    }
    return v.charAt(0);
  }

  private static int next(List<Token> tokens, int i) {
    if (i < 0) {
      return -1;
    }
    for (int j = i + 1; j < tokens.size(); j++) {
      if (tokens.get(j).significant()) {
        return j;
      }
    }
    return -1;
  }

  private static SqlError invalid(String message) {
    return new SqlError("INVALID_PARAMETER_VALUE", "22023", message);
  }

  private static SqlError unsupported(String message) {
    return new SqlError("UNSUPPORTED_FEATURE", "0A000", message);
  }
}
