package dev.databricksmcp.sandbox.http;

import java.util.List;
import java.util.Optional;

/**
 * Databricks list paging as the Unity Catalog APIs document {@code max_results}: absent = every
 * item (not recommended, still allowed), 0 = a page of the server's size, above 0 = the smaller of
 * it and the server's size, below 0 = an invalid parameter; an opaque {@code page_token}, {@code
 * next_page_token} while there is more.
 */
public final class Paging {
  private Paging() {}

  /** A page of items and the token for the next one (null on the last page). */
  public record Page<T>(List<T> items, String nextPageToken) {}

  /**
   * @param limit the server-configured page size
   */
  public static <T> Page<T> page(ApiRequest request, List<T> all, int limit) {
    Optional<Integer> max = request.intParam("max_results");
    if (max.isPresent() && max.get() < 0) {
      throw ApiException.invalid("max_results must be greater than or equal to 0");
    }
    int offset =
        request
            .queryParam("page_token")
            .filter(t -> !t.isEmpty())
            .map(PageTokens::offset)
            .orElse(0);
    int size =
        max.isEmpty()
            ? Math.max(limit, all.size())
            : max.get() == 0 ? limit : Math.min(max.get(), limit);
    int from = Math.min(offset, all.size());
    int to = Math.min(all.size(), from + size);
    return new Page<>(all.subList(from, to), to < all.size() ? PageTokens.of(to) : null);
  }
}
