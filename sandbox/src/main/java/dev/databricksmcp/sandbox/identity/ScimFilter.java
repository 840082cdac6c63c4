package dev.databricksmcp.sandbox.identity;

import dev.databricksmcp.sandbox.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SCIM {@code filter} as the workspace SCIM pages document it (list-users.md, list-groups.md):
 * "Supported operators are equals(eq), contains(co), starts with(sw) and not equals(ne).
 * Additionally, simple expressions can be formed using logical operators - and and or." Values are
 * compared without case (userName and displayName are not case-exact); {@code and} binds tighter
 * than {@code or}, as RFC 7644 §3.4.2.2 orders them. Parentheses are not read (the pages show
 * none). An attribute an object lacks matches nothing but {@code ne}.
 */
final class ScimFilter {
  private static final Pattern TERM =
      Pattern.compile(
          "\\s*([A-Za-z][\\w.]*)\\s+(eq|ne|co|sw)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern OR = Pattern.compile("(?i)\\s+or\\s+");
  private static final Pattern AND = Pattern.compile("(?i)\\s+and\\s+");

  private ScimFilter() {}

  /**
   * The filter as a predicate over objects whose attributes {@code attribute} reads (null when the
   * object has none); a blank filter keeps everything.
   */
  static <T> Predicate<T> parse(String filter, BiFunction<T, String, String> attribute) {
    if (filter == null || filter.isBlank()) {
      return t -> true;
    }
    Predicate<T> any = t -> false;
    for (String alternative : splitOutsideQuotes(filter, OR)) {
      Predicate<T> all = t -> true;
      for (String term : splitOutsideQuotes(alternative, AND)) {
        all = all.and(term(term, filter, attribute));
      }
      any = any.or(all);
    }
    return any;
  }

  private static <T> Predicate<T> term(
      String text, String filter, BiFunction<T, String, String> attribute) {
    Matcher m = TERM.matcher(text);
    if (!m.matches()) {
      throw ApiException.invalid(
          "Invalid filter '"
              + filter
              + "': expected attribute op \"value\" with op eq, ne, co or sw, joined by and/or.");
    }
    String name = m.group(1);
    String op = m.group(2).toLowerCase(Locale.ROOT);
    String wanted = m.group(3).replaceAll("\\\\(.)", "$1").toLowerCase(Locale.ROOT);
    return t -> {
      String raw = attribute.apply(t, name);
      if (raw == null) {
        return op.equals("ne");
      }
      String v = raw.toLowerCase(Locale.ROOT);
      return switch (op) {
        case "eq" -> v.equals(wanted);
        case "ne" -> !v.equals(wanted);
        case "co" -> v.contains(wanted);
        default -> v.startsWith(wanted);
      };
    };
  }

  /** Splits on a separator that is not inside a quoted value. */
  private static List<String> splitOutsideQuotes(String text, Pattern separator) {
    List<String> parts = new ArrayList<>();
    Matcher m = separator.matcher(text);
    int from = 0;
    while (m.find()) {
      if (quotesBefore(text, m.start()) % 2 == 0) {
        parts.add(text.substring(from, m.start()));
        from = m.end();
      }
    }
    parts.add(text.substring(from));
    return parts;
  }

  private static int quotesBefore(String text, int end) {
    int quotes = 0;
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\\') {
        i++;
      } else if (text.charAt(i) == '"') {
        quotes++;
      }
    }
    return quotes;
  }
}
