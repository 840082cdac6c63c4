package dev.databricksmcp.server.core;

import java.util.regex.Pattern;

/**
 * Validates names and ids before they reach the Databricks SDK, which puts path parameters into URLs
 * without encoding them: a '/' or '?' in a name would change which API is called.
 */
public final class Names {
  private static final int MAX_PART = 255;
  /** Characters that would change the meaning of a URL path, or that no Databricks name contains. */
  private static final Pattern FORBIDDEN = Pattern.compile("[/\\\\?#%\\p{Cntrl}]");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private Names() {}

  /** A catalog, schema or other single-part name. Backticks around it are removed. */
  public static String part(String field, String value) {
    String name = unquote(field, value.trim());
    if (name.isEmpty()) {
      throw ToolException.validation(field, "must not be empty");
    }
    if (name.length() > MAX_PART) {
      throw ToolException.validation(field, "is longer than " + MAX_PART + " characters");
    }
    if (FORBIDDEN.matcher(name).find() || name.contains(".")) {
      throw ToolException.validation(field, "'" + value + "' is not a valid name (no '.', '/', '?', '#', '%' or control characters)");
    }
    return name;
  }

  /** A dotted name with exactly {@code parts} parts, e.g. catalog.schema.table; backticks allowed per part. */
  public static String fullName(String field, String value, int parts) {
    String[] split = splitDotted(field, value.trim());
    if (split.length != parts) {
      throw ToolException.validation(
          field, "must have " + parts + " dot-separated parts (" + example(parts) + "), got '" + value + "'");
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

  /** An opaque id (warehouse id, statement id, cluster id …). */
  public static String id(String field, String value) {
    String id = value.trim();
    if (!ID.matcher(id).matches()) {
      throw ToolException.validation(field, "'" + value + "' is not a valid id (letters, digits, '.', '_', ':', '-')");
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
        throw ToolException.validation(field, "backticks inside a name are not supported: '" + value + "'");
      }
      return inner;
    }
    if (value.contains("`")) {
      throw ToolException.validation(field, "misplaced backtick in '" + value + "'");
    }
    return value;
  }

  private static String example(int parts) {
    return switch (parts) {
      case 2 -> "catalog.schema";
      case 3 -> "catalog.schema.name";
      default -> parts + " parts";
    };
  }
}
