package dev.databricksmcp.sandbox.sql;

/**
 * Backslash escapes of Databricks string literals, as the STRING type page documents them (and
 * Spark's unescapeSQLString decodes them): \\uXXXX, \\UXXXXXXXX, octal \\[01][0-7][0-7], \\0 \\b
 * \\n \\r \\t \\Z, \\% and \\_ kept with their backslash for LIKE, any other character as itself.
 */
final class StringEscapes {
  private StringEscapes() {}

  /**
   * Decodes the escape that starts with the backslash at {@code at} into {@code out}.
   *
   * @return the offset just after the escape
   */
  static int decode(String sql, int at, StringBuilder out) {
    if (hex(sql, at + 2, 4) && sql.charAt(at + 1) == 'u') {
      out.append((char) Integer.parseInt(sql.substring(at + 2, at + 6), 16));
      return at + 6;
    }
    if (hex(sql, at + 2, 8) && sql.charAt(at + 1) == 'U') {
      long cp = Long.parseLong(sql.substring(at + 2, at + 10), 16);
      if (cp <= Character.MAX_CODE_POINT) {
        out.appendCodePoint((int) cp);
        return at + 10;
      }
    }
    if (at + 3 < sql.length()
        && "01".indexOf(sql.charAt(at + 1)) >= 0
        && octal(sql.charAt(at + 2))
        && octal(sql.charAt(at + 3))) {
      out.append((char) Integer.parseInt(sql.substring(at + 1, at + 4), 8));
      return at + 4;
    }
    char c = sql.charAt(at + 1);
    switch (c) {
      case '0' -> out.append('\0');
      case 'b' -> out.append('\b');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'Z' -> out.append('\u001A');
      case '%', '_' -> out.append('\\').append(c);
      default -> out.append(c);
    }
    return at + 2;
  }

  private static boolean hex(String s, int from, int count) {
    if (from + count > s.length()) {
      return false;
    }
    for (int k = from; k < from + count; k++) {
      char c = s.charAt(k);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
  }

  private static boolean octal(char c) {
    return c >= '0' && c <= '7';
  }
}
