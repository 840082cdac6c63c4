package dev.databricksmcp.sandbox.workspace;

import dev.databricksmcp.sandbox.http.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The remote URL of a repo, checked and never used: the sandbox links a Git folder to it by name
 * only and opens no connection to it (nothing sent to the sandbox leaves the machine). Git folders
 * clone over HTTPS, so an http(s) URL with a host is taken; anything else ({@code file:}, {@code
 * ssh:}, text that is no URL) is INVALID_PARAMETER_VALUE.
 */
final class GitUrls {
  /** The longest URL taken; the reference names no limit. */
  static final int MAX_LENGTH = 2048;

  private GitUrls() {}

  /** {@code url} itself when it is an http(s) URL with a host. */
  static String checked(String url) {
    if (url == null || url.isBlank()) {
      // the service's words for a missing URL (databrickslabs/dbx#413)
      throw ApiException.invalid("Git repository URL missing for project");
    }
    if (url.length() > MAX_LENGTH) {
      throw ApiException.invalid("The Git repository URL is longer than " + MAX_LENGTH + ".");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw ApiException.invalid("Invalid Git repository URL: " + url);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
      throw ApiException.invalid(
          "Invalid Git repository URL: " + url + ". Use the repository's HTTPS URL.");
    }
    return url;
  }

  /** The repository's name in its URL: the last path segment without {@code .git}. */
  static String repoName(String url) {
    String path = URI.create(url).getPath();
    String trimmed = path == null ? "" : path.replaceAll("/+$", "");
    String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    if (name.endsWith(".git")) {
      name = name.substring(0, name.length() - 4);
    }
    if (name.isEmpty()) {
      throw ApiException.invalid("The Git repository URL " + url + " names no repository.");
    }
    return name;
  }

  /**
   * A commit id for {@code ref} of {@code url}: the sandbox fetches nothing, so it derives a fixed
   * SHA-1-shaped id from the two (the same URL and ref always give the same id).
   */
  static String headCommit(String url, String ref) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1")
              .digest((url + "\n" + ref).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
  }
}
