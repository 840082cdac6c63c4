package dev.databricksmcp.sandbox.sql;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CSV file parsed in Java, as Spark's CSV reader does with its defaults: fields split on the
 * delimiter, {@code "…"} quotes with {@code ""} for a quote inside, an empty field read as NULL, a
 * short row padded with NULLs and a long one cut (PERMISSIVE mode), columns named {@code _c0, _c1,
 * …} without a header and a blank or repeated header name replaced the same way. With type
 * inference a column is the narrowest of INT, BIGINT, DOUBLE, BOOLEAN, DATE ({@code yyyy-MM-dd}),
 * TIMESTAMP (ISO-8601) that holds every value, else STRING (the order of Spark's {@code
 * CSVInferSchema}, without its decimal and locale options).
 *
 * @param names the column names
 * @param types the Databricks type of each column
 * @param rows each row's typed values (Integer, Long, Double, Boolean, LocalDate, LocalDateTime,
 *     String or null)
 */
record CsvTable(List<String> names, List<String> types, List<List<Object>> rows) {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final List<String> NARROWEST_FIRST =
      List.of("INT", "BIGINT", "DOUBLE", "BOOLEAN", "DATE", "TIMESTAMP", "STRING");

  static CsvTable parse(byte[] bytes, FileReference f) {
    List<List<String>> records = records(text(bytes, f.path()), f.delimiter());
    List<String> first = records.isEmpty() ? List.of() : records.get(0);
    List<String> names = names(first, f.header());
    List<List<String>> data =
        f.header() && !records.isEmpty() ? records.subList(1, records.size()) : records;
    List<String> types = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      types.add(f.inferTypes() ? infer(data, c) : "STRING");
    }
    List<List<Object>> rows = new ArrayList<>();
    for (List<String> record : data) {
      List<Object> row = new ArrayList<>();
      for (int c = 0; c < names.size(); c++) {
        row.add(value(c < record.size() ? record.get(c) : null, types.get(c)));
      }
      rows.add(row);
    }
    return new CsvTable(names, types, rows);
  }

  private static String text(byte[] bytes, String path) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SqlError(
          "MALFORMED_RECORD_IN_PARSING", "22023", "The file " + path + " is not UTF-8 text.");
    }
  }

  /** RFC 4180 records: quoted fields may hold the delimiter, quotes and line breaks. */
  private static List<List<String>> records(String text, char delimiter) {
    List<List<String>> out = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"' && field.length() == 0) {
        quoted = true;
        wasQuoted = true;
      } else if (ch == delimiter) {
        record.add(field(field, wasQuoted));
        wasQuoted = false;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (!record.isEmpty() || field.length() > 0 || wasQuoted) {
          record.add(field(field, wasQuoted));
          out.add(record);
        }
        record = new ArrayList<>();
        wasQuoted = false;
      } else {
        field.append(ch);
      }
    }
    if (!record.isEmpty() || field.length() > 0 || wasQuoted) {
      record.add(field(field, wasQuoted));
      out.add(record);
    }
    return out;
  }

  /** An empty unquoted field is NULL (Spark's {@code nullValue} default is the empty string). */
  private static String field(StringBuilder field, boolean quoted) {
    String value = field.toString();
    field.setLength(0);
    return value.isEmpty() && !quoted ? null : value;
  }

  private static List<String> names(List<String> first, boolean header) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < first.size(); c++) {
      String name = header ? first.get(c) : null;
      if (name == null || name.isBlank() || !seen.add(name.toLowerCase(Locale.ROOT))) {
        name = "_c" + c;
        seen.add(name);
      }
      names.add(name);
    }
    return names;
  }

  private static String infer(List<List<String>> data, int column) {
    int narrowest = 0;
    for (List<String> record : data) {
      String v = column < record.size() ? record.get(column) : null;
      while (v != null && value(v, NARROWEST_FIRST.get(narrowest)) == null) {
        narrowest++;
      }
    }
    return narrowest == 0 && allNull(data, column) ? "STRING" : NARROWEST_FIRST.get(narrowest);
  }

  private static boolean allNull(List<List<String>> data, int column) {
    return data.stream().allMatch(r -> column >= r.size() || r.get(column) == null);
  }

  /** The value as the type holds it, or null when it does not fit. */
  private static Object value(String v, String type) {
    if (v == null) {
      return null;
    }
    String t = v.trim();
    try {
      return switch (type) {
        case "INT" -> INTEGER.matcher(t).matches() ? Integer.valueOf(t) : null;
        case "BIGINT" -> INTEGER.matcher(t).matches() ? Long.valueOf(t) : null;
        case "DOUBLE" -> DECIMAL.matcher(t).matches() ? Double.valueOf(t) : null;
        case "BOOLEAN" ->
            t.equalsIgnoreCase("true")
                ? Boolean.TRUE
                : t.equalsIgnoreCase("false") ? Boolean.FALSE : null;
        case "DATE" -> t.length() == 10 ? LocalDate.parse(t) : null;
        case "TIMESTAMP" -> LocalDateTime.parse(t.replace(' ', 'T').replaceAll("Z$", ""));
        default -> v;
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }
}
