package dev.databricksmcp.server.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an OAuth endpoint answers: a JSON document with a status, or a redirect.
 *
 * @param status HTTP status
 * @param json the body, for a JSON answer; null for a redirect
 * @param location where to redirect, for a 302; else null
 */
record OAuthReply(int status, Map<String, Object> json, String location) {
  static OAuthReply json(int status, Map<String, Object> body) {
    return new OAuthReply(status, body, null);
  }

  /** An error as RFC 6749 section 5.2 writes it. */
  static OAuthReply error(int status, String error, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    return new OAuthReply(status, body, null);
  }

  /** A redirect to {@code uri} with these query parameters added. */
  static OAuthReply redirect(String uri, Map<String, String> query) {
    StringBuilder location = new StringBuilder(uri);
    char sep = uri.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      location
          .append(sep)
          .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return new OAuthReply(302, null, location.toString());
  }

  /** RFC 6749 section 4.1.2.1: an error sent back to the client's redirect URI. */
  static OAuthReply redirectError(String uri, String state, String error, String description) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("error", error);
    q.put("error_description", description);
    q.put("state", state);
    return redirect(uri, q);
  }
}
