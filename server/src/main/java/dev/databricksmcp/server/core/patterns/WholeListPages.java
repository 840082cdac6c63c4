package dev.databricksmcp.server.core.patterns;

import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.ToolException;
import java.util.List;

/**
 * Pages of an API that answers its whole list at once (instance pools, cluster policies, serving
 * endpoints, secret scopes): the tools still hand out {@code max_results} rows and a {@code
 * next_page_token} (docs/OUTPUT.md), the token being the offset of the next row.
 */
public final class WholeListPages {
  private WholeListPages() {}

  /** The page the request asks for, out of every item. */
  public static <I> Listing.Page<I> of(List<I> all, Listing.Request request) {
    int from = Math.min(offset(request.pageToken()), all.size());
    int to = Math.min(all.size(), from + request.maxResults());
    return Listing.Page.of(all.subList(from, to), to < all.size() ? String.valueOf(to) : null);
  }

  private static int offset(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(token);
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw ToolException.validation(
        Params.PAGE_TOKEN.name(), "is not a token this list handed out; start without one");
  }
}
