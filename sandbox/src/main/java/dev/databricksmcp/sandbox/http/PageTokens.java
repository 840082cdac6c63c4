package dev.databricksmcp.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque page tokens of the sandbox's lists: an offset, encoded; a token we did not issue is
 * refused.
 */
public final class PageTokens {
  private PageTokens() {}

  public static String of(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  public static int offset(String token) {
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
