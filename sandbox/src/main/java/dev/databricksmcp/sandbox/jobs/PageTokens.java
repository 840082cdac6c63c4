package dev.databricksmcp.sandbox.jobs;

import dev.databricksmcp.sandbox.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page tokens of the jobs and runs lists: an offset, encoded. */
final class PageTokens {
  private PageTokens() {}

  static String of(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  static int offset(String token) {
    if (token.isEmpty()) {
      return 0;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!raw.startsWith("offset:")) {
        throw new IllegalArgumentException();
      }
      int offset = Integer.parseInt(raw.substring(7));
      if (offset < 0) {
        throw new IllegalArgumentException();
      }
      return offset;
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("Invalid page_token");
    }
  }
}
