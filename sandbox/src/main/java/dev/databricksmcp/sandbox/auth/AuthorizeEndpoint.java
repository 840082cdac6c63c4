package dev.databricksmcp.sandbox.auth;

import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.ApiResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /oidc/v1/authorize}: the user-to-machine authorization endpoint. Databricks signs the user
 * in and asks for consent; the sandbox shows one small page where a sandbox user is chosen (a form
 * POST back to the same URL, so a headless test can post it directly), then redirects to the
 * client's redirect URI with a single-use code ("Manually generate OAuth U2M access tokens",
 * docs.databricks.com/aws/en/dev-tools/auth/oauth-u2m: response_type=code, code_challenge with
 * code_challenge_method=S256, scope "all-apis offline_access", state).
 *
 * <p>Errors follow RFC 6749 section 4.1.2.1: an unknown client or a redirect URI the app did not
 * register is shown to the user and never redirected to; anything else goes back to the client as
 * {@code error} and {@code state} on its redirect URI.
 */
final class AuthorizeEndpoint {
  private static final List<String> PARAMS =
      List.of(
          "client_id",
          "redirect_uri",
          "response_type",
          "scope",
          "state",
          "code_challenge",
          "code_challenge_method");

  private final OAuthApps apps;
  private final Identities identities;

  AuthorizeEndpoint(OAuthApps apps, Identities identities) {
    this.apps = apps;
    this.identities = identities;
  }

  /** GET: the consent page, once the request is one the sandbox would honour. */
  ApiResponse show(ApiRequest request) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String name : PARAMS) {
      request.queryParam(name).ifPresent(v -> params.put(name, v));
    }
    ApiResponse refused = check(params);
    return refused != null ? refused : page(params);
  }

  /** POST: the user chosen on the page consents; back to the client with a code. */
  ApiResponse consent(ApiRequest request) {
    Map<String, String> form = OAuthApi.form(new String(request.body(), StandardCharsets.UTF_8));
    ApiResponse refused = check(form);
    if (refused != null) {
      return refused;
    }
    String redirect = form.get("redirect_uri");
    Principal user = identities.byUserName().get(form.getOrDefault("user", ""));
    if (user == null || user.isServicePrincipal()) {
      return back(redirect, form.get("state"), "access_denied", "No sandbox user was chosen");
    }
    String code =
        apps.issueCode(
            form.get("client_id"),
            redirect,
            form.get("code_challenge"),
            user,
            form.getOrDefault("scope", "all-apis"));
    Map<String, String> out = new LinkedHashMap<>();
    out.put("code", code);
    if (form.get("state") != null) {
      out.put("state", form.get("state"));
    }
    return redirect(redirect, out);
  }

  /** Null when the request is acceptable; else the error page or the error redirect. */
  private ApiResponse check(Map<String, String> p) {
    OAuthApps.App app = apps.app(p.get("client_id")).orElse(null);
    if (app == null) {
      return errorPage("invalid_client", "Unknown client_id: no app integration has it.");
    }
    String redirect = p.get("redirect_uri");
    if (redirect == null || !app.allowsRedirect(redirect)) {
      return errorPage(
          "invalid_request", "The redirect_uri is not one this app integration registered.");
    }
    String state = p.get("state");
    if (!"code".equals(p.get("response_type"))) {
      return back(redirect, state, "unsupported_response_type", "Only response_type=code");
    }
    String challenge = p.get("code_challenge");
    if (challenge == null || !challenge.matches("[A-Za-z0-9_-]{43}")) {
      return back(redirect, state, "invalid_request", "A PKCE code_challenge (S256) is required");
    }
    if (!"S256".equals(p.get("code_challenge_method"))) {
      return back(redirect, state, "invalid_request", "code_challenge_method must be S256");
    }
    return null;
  }

  private ApiResponse page(Map<String, String> params) {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html><head><meta charset=\"utf-8\">")
        .append("<title>Sign in to the Databricks sandbox</title></head><body>")
        .append("<h1>Sign in to the Databricks sandbox</h1>")
        .append("<p>")
        .append(escape(params.get("client_id")))
        .append(" asks to act as you in this workspace (")
        .append(escape(params.getOrDefault("scope", "all-apis")))
        .append(").</p><form method=\"post\" action=\"/oidc/v1/authorize\">");
    params.forEach(
        (k, v) ->
            html.append("<input type=\"hidden\" name=\"")
                .append(escape(k))
                .append("\" value=\"")
                .append(escape(v))
                .append("\">"));
    for (Principal p : identities.all()) {
      if (!p.isServicePrincipal()) {
        html.append("<p><button type=\"submit\" name=\"user\" value=\"")
            .append(escape(p.userName()))
            .append("\">Continue as ")
            .append(escape(p.displayName()))
            .append(" (")
            .append(escape(p.userName()))
            .append(")</button></p>");
      }
    }
    html.append("</form></body></html>");
    return new ApiResponse(
        200,
        html.toString().getBytes(StandardCharsets.UTF_8),
        "text/html; charset=utf-8",
        Map.of("Cache-Control", "no-store"));
  }

  private static ApiResponse errorPage(String error, String description) {
    String html =
        "<!doctype html><html><body><h1>Sign-in error</h1><p>"
            + escape(error)
            + ": "
            + escape(description)
            + "</p></body></html>";
    return new ApiResponse(
        400, html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", Map.of());
  }

  private static ApiResponse back(
      String redirectUri, String state, String error, String description) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("error", error);
    out.put("error_description", description);
    if (state != null) {
      out.put("state", state);
    }
    return redirect(redirectUri, out);
  }

  private static ApiResponse redirect(String uri, Map<String, String> query) {
    StringBuilder location = new StringBuilder(uri).append(uri.contains("?") ? '&' : '?');
    query.forEach(
        (k, v) ->
            location
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                .append('&'));
    location.setLength(location.length() - 1);
    return new ApiResponse(
        302,
        new byte[0],
        "text/plain",
        Map.of("Location", location.toString(), "Cache-Control", "no-store"));
  }

  private static String escape(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;")
            .replace("'", "&#39;");
  }
}
