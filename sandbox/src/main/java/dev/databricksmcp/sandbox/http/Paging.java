package dev.databricksmcp.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Databricks list paging: {@code max_results} (absent or 0 = everything, as the Unity Catalog APIs
 * still allow), an opaque {@code page_token}, {@code next_page_token} while there is more.
 */
public final class Paging {
  private Paging() {}

  /** A page of items and the token for the next one (null on the last page). */
  public record Page<T>(List<T> items, String nextPageToken) {}

  public static <T> Page<T> page(ApiRequest request, List<T> all, int limit) {
    int max = request.intParam("max_results").orElse(0);
    if (max < 0) {
      throw ApiException.invalid("max_results must be greater than or equal to 0");
    }
    int offset =
        request.queryParam("page_token").filter(t -> !t.isEmpty()).map(Paging::decode).orElse(0);
    int size = max == 0 ? Math.max(limit, all.size()) : Math.min(max, limit);
    int from = Math.min(offset, all.size());
    int to = Math.min(all.size(), from + size);
    return new Page<>(all.subList(from, to), to < all.size() ? encode(to) : null);
  }

  private static String encode(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!raw.startsWith("offset:")) {
        throw new IllegalArgumentException();
      }
      return Integer.parseInt(raw.substring(7));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("Invalid page_token");
    }
  }
}
