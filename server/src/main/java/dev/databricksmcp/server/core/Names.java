package dev.databricksmcp.server.core;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validates names and ids before they reach the Databricks SDK, and encodes them for URL paths: the
 * SDK puts path parameters into URLs without encoding them, so a '?' or '#' in a name would change
 * which API is called. Unity Catalog's own rules: at most 255 characters, no period, space, forward
 * slash, ASCII control character or DELETE
 * (https://docs.databricks.com/sql/language-manual/sql-ref-names.html).
 *
 * <p>Unity Catalog stores catalog, schema, table, volume and function names lower-case and matches
 * them without regard to case (same page: "Unity Catalog stores all object names as lowercase"), so
 * {@link #part} and {@link #fullName} return them lower-case: cache keys, confirmations and the
 * {@code full_name} a tool answers are canonical ({@code SAMPLES.TPCH.Orders} is {@code
 * samples.tpch.orders}). Column names keep their case ({@link #column}); ids are not names ({@link
 * #id}).
 */
public final class Names {
  private static final int MAX_PART = 255;

  /** What Unity Catalog does not allow in a name (ASCII controls 00-1F and DELETE 7F). */
  private static final Pattern FORBIDDEN = Pattern.compile("[/ \\p{Cntrl}]");

  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private Names() {}

  /**
   * A catalog, schema, table, volume or function name (one part), lower-case as Unity Catalog
   * stores it. Backticks around it are removed.
   */
  public static String part(String field, String value) {
    return column(field, value).toLowerCase(Locale.ROOT);
  }

  /**
   * A column name, checked as {@link #part} checks a name but keeping its case (Databricks keeps a
   * column's case and matches it without regard to case). Backticks around it are removed.
   */
  public static String column(String field, String value) {
    String name = unquote(field, value.trim());
    if (name.isEmpty()) {
      throw ToolException.validation(field, "must not be empty");
    }
    if (name.length() > MAX_PART) {
      throw ToolException.validation(field, "is longer than " + MAX_PART + " characters");
    }
    if (FORBIDDEN.matcher(name).find() || name.contains(".")) {
      throw ToolException.validation(
          field,
          "'"
              + printable(value)
              + "' is not a valid name (no '.', space, '/' or control characters)");
    }
    return name;
  }

  /**
   * A validated name (one part or dotted) as it must appear in a URL path: each part
   * percent-encoded (UTF-8), the dots between parts kept. Only for the SDK fields that become path
   * parameters; a field sent in a body or query string is encoded by the SDK itself and must get
   * the plain name.
   */
  public static String path(String validatedName) {
    StringBuilder out = new StringBuilder(validatedName.length() + 8);
    for (byte b : validatedName.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(HEX.toHexDigits(b));
      }
    }
    return out.toString();
  }

  /**
   * A dotted name with exactly {@code parts} parts, e.g. catalog.schema.table, each part as {@link
   * #part} has it (lower-case); backticks allowed per part.
   */
  public static String fullName(String field, String value, int parts) {
    String[] split = splitDotted(field, value.trim());
    if (split.length != parts) {
      throw ToolException.validation(
          field,
          "must have "
              + parts
              + " dot-separated parts ("
              + example(parts)
              + "), got '"
              + value
              + "'");
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < split.length; i++) {
      if (i > 0) {
        out.append('.');
      }
      out.append(part(field, split[i]));
    }
    return out.toString();
  }

  /** What a name pattern may hold: letters, digits, '_', '-', '.' and the wildcard '%'. */
  private static final Pattern LIKE = Pattern.compile("[a-z0-9_%.-]{1,255}");

  /**
   * A name pattern with SQL LIKE wildcards for the APIs that filter by name ({@code %} any run,
   * {@code _} one character; {@code *} is taken for {@code %}), lower-case as the names it matches.
   *
   * @param field the parameter the caller gave it as, named in the error
   * @throws ToolException VALIDATION_ERROR naming {@code field} for anything else
   */
  public static String pattern(String field, String value) {
    String p = value.trim().replace('*', '%').toLowerCase(Locale.ROOT);
    if (!LIKE.matcher(p).matches()) {
      throw ToolException.validation(
          field,
          "'"
              + printable(value)
              + "' is not a name pattern: use letters, digits, '_', '-' and the wildcards % or *");
    }
    return p;
  }

  /** An opaque id (warehouse id, statement id, cluster id …). */
  public static String id(String field, String value) {
    String id = value.trim();
    if (!ID.matcher(id).matches()) {
      throw ToolException.validation(
          field,
          "'" + printable(value) + "' is not a valid id (letters, digits, '.', '_', ':', '-')");
    }
    return id;
  }

  private static String[] splitDotted(String field, String value) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '`') {
        quoted = !quoted;
        current.append(c);
      } else if (c == '.' && !quoted) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw ToolException.validation(field, "has an unclosed backtick: '" + value + "'");
    }
    parts.add(current.toString());
    return parts.toArray(String[]::new);
  }

  private static String unquote(String field, String value) {
    if (value.length() >= 2 && value.startsWith("`") && value.endsWith("`")) {
      String inner = value.substring(1, value.length() - 1);
      if (inner.contains("`")) {
        throw ToolException.validation(
            field, "backticks inside a name are not supported: '" + value + "'");
      }
      return inner;
    }
    if (value.contains("`")) {
      throw ToolException.validation(field, "misplaced backtick in '" + value + "'");
    }
    return value;
  }

  /** The value for an error message: control characters shown as escapes, long values cut. */
  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && out.length() < 80; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
    }
    return value.length() > 80 ? out + "…" : out.toString();
  }

  private static String example(int parts) {
    return switch (parts) {
      case 2 -> "catalog.schema";
      case 3 -> "catalog.schema.name";
      default -> parts + " parts";
    };
  }
}
