package dev.databricksmcp.server.tools.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Built-in functions the SQL tools do not call freely, as data (function-policy.tsv beside this
 * class): a name or a name prefix, a category and why. The classifier finds the calls; this class
 * only says which names are restricted and how.
 */
public final class FunctionPolicy {
  /** What a restricted function does, and whether it stays refused outside read-only mode. */
  public enum Category {
    OUTBOUND("outbound/secret", true),
    JVM("JVM", false),
    COST("cost/outside", false),
    /**
     * A call whose function is named only at run time (IDENTIFIER(expr)(...)): it could be any of
     * them.
     */
    UNRESOLVED("unresolved name", true);

    private final String label;
    private final boolean refusedUnlessAllowed;

    Category(String label, boolean refusedUnlessAllowed) {
      this.label = label;
      this.refusedUnlessAllowed = refusedUnlessAllowed;
    }

    public String label() {
      return label;
    }

    /**
     * True when the call is refused in every mode unless
     * DATABRICKS_MCP_SQL_ALLOW_OUTBOUND_FUNCTIONS=true.
     */
    public boolean refusedUnlessAllowed() {
      return refusedUnlessAllowed;
    }
  }

  /** One line of the policy: {@code pattern} is a name, or a prefix when it ends in '*'. */
  public record Rule(String pattern, Category category, String why) {
    boolean matches(String name) {
      return pattern.endsWith("*")
          ? name.startsWith(pattern.substring(0, pattern.length() - 1))
          : name.equals(pattern);
    }
  }

  /**
   * A call the policy restricts: the function as the classifier resolved it, and the rule's words.
   */
  public record Hit(String function, Category category, String why) {
    /** E.g. "http_request() (outbound/secret — sends an HTTP request ...)". */
    public String describe() {
      // no "label: words": the redactor reads "secret: x" as a credential and would mask the reason
      return function + "() (" + category.label() + " — " + why + ")";
    }
  }

  static final String RESOURCE = "function-policy.tsv";
  private static final FunctionPolicy BUILT_IN =
      load(FunctionPolicy.class.getResourceAsStream(RESOURCE));

  private final List<Rule> rules;

  private FunctionPolicy(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static FunctionPolicy builtIn() {
    return BUILT_IN;
  }

  public List<Rule> rules() {
    return rules;
  }

  /**
   * The hit for a call of {@code name} (any spelling: it is folded as Spark folds names), or null.
   */
  public Hit match(String name) {
    String folded = fold(name);
    for (Rule rule : rules) {
      if (rule.matches(folded)) {
        return new Hit(folded, rule.category(), rule.why());
      }
    }
    return null;
  }

  /** A call whose function cannot be known before it runs. */
  static Hit unresolved(String call) {
    return new Hit(
        call,
        Category.UNRESOLVED,
        "the function is named only when the statement runs, so it could be http_request, secret or"
            + " any other");
  }

  /**
   * Folds a name the way a case-insensitive lookup may: each code point upper-cased, then
   * lower-cased. This matches whatever Spark's own lower-casing matches (the Kelvin sign becomes k)
   * and more (the long s and the dotless i become s and i), which only ever adds hits.
   */
  static String fold(String name) {
    StringBuilder out = new StringBuilder(name.length());
    name.codePoints()
        .map(Character::toUpperCase)
        .map(Character::toLowerCase)
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  /**
   * Reads the policy lines; a malformed line fails loudly, since a silently dropped rule is a hole.
   */
  static FunctionPolicy load(InputStream in) {
    if (in == null) {
      throw new IllegalStateException(RESOURCE + " is missing from the classpath");
    }
    String text;
    try (in) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Rule> rules = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t");
      if (parts.length != 3 || !parts[0].matches("[a-z][a-z0-9_]*\\*?") || parts[2].isBlank()) {
        throw new IllegalStateException(
            RESOURCE + " line " + (i + 1) + ": expected name<TAB>category<TAB>why, got: " + line);
      }
      rules.add(new Rule(parts[0], category(parts[1], i + 1), parts[2].strip()));
    }
    if (rules.isEmpty()) {
      throw new IllegalStateException(RESOURCE + " holds no rules");
    }
    return new FunctionPolicy(rules);
  }

  private static Category category(String text, int line) {
    try {
      Category c = Category.valueOf(text.toUpperCase(Locale.ROOT));
      if (c != Category.UNRESOLVED) {
        return c;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalStateException(
        RESOURCE + " line " + line + ": unknown category '" + text + "' (outbound, jvm or cost)");
  }
}
