package dev.databricksmcp.server.tools.files;

import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.ToolException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where list_repos stopped: the Repos API's own page token (null for its first page) and how many
 * repos of that page were already shown. The API's pages have a fixed size, so a max_results
 * smaller or larger than it needs both.
 */
record RepoPageToken(String apiToken, int skip) {
  private static final String PREFIX = "repos:";

  static RepoPageToken parse(String token) {
    if (token == null || token.isEmpty()) {
      return new RepoPageToken(null, 0);
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int colon = raw.indexOf(':', PREFIX.length());
      if (!raw.startsWith(PREFIX) || colon < 0) {
        throw new IllegalArgumentException();
      }
      int skip = Integer.parseInt(raw.substring(PREFIX.length(), colon));
      String api = raw.substring(colon + 1);
      if (skip < 0) {
        throw new IllegalArgumentException();
      }
      return new RepoPageToken(api.isEmpty() ? null : api, skip);
    } catch (IllegalArgumentException e) {
      throw ToolException.validation(
          Params.PAGE_TOKEN.name(), "is not a token list_repos handed back");
    }
  }

  String text() {
    String raw = PREFIX + skip + ":" + (apiToken == null ? "" : apiToken);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }
}
