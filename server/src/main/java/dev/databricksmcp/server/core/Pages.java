package dev.databricksmcp.server.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape every list tool returns: {@code data = {items, next_page_token?}}, count = items on
 * this page, and a message that says plainly when there is more, so a model never mistakes a page
 * for the whole.
 */
public final class Pages {
  /** Default page size for list tools: small enough for a model's context. */
  public static final int DEFAULT_MAX_RESULTS = 50;

  /** Largest page any list tool hands back. */
  public static final int MAX_RESULTS_LIMIT = 1000;

  private Pages() {}

  /**
   * @param noun plural noun for the message, e.g. "catalogs"; the count agrees with it ("1
   *     catalog", "1 query": see {@link #singular})
   * @param nextPageToken the API's token for the next page, null or empty when this is the last
   *     page
   */
  public static ToolResult page(String noun, List<?> items, String nextPageToken) {
    return page(singular(noun), noun, items, nextPageToken);
  }

  /**
   * The singular of a regular plural noun: "queries" → "query", "tables" → "table". For a noun
   * whose plural is not formed so, call {@link #page(String, String, List, String)}.
   */
  static String singular(String plural) {
    if (plural.endsWith("ies")) {
      return plural.substring(0, plural.length() - 3) + "y";
    }
    return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
  }

  /** As {@link #page(String, List, String)}, for a noun with an irregular plural. */
  public static ToolResult page(
      String singular, String plural, List<?> items, String nextPageToken) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("items", items);
    boolean more = nextPageToken != null && !nextPageToken.isEmpty();
    if (more) {
      data.put("next_page_token", nextPageToken);
      data.put("truncated", true);
    }
    String message =
        Counted.of(items.size(), singular, plural)
            + (more ? "; more available: call again with data.next_page_token as page_token" : "");
    return ToolResult.list(data, items.size(), message);
  }
}
