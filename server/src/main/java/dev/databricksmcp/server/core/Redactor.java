package dev.databricksmcp.server.core;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Removes anything that looks like a credential from text before it reaches a result or a log line:
 * Databricks PATs, bearer headers, JWTs, OAuth secrets, and every secret value the server was
 * configured with (registered at start-up).
 */
public final class Redactor {
  private static final String MASK = "[REDACTED]";
  private static final List<Pattern> PATTERNS =
      List.of(
          // Authorization headers and bearer tokens, whatever the token looks like
          Pattern.compile("(?i)(authorization\\s*[:=]\\s*)(bearer|basic)?\\s*[^\\s,;\"'}]+"),
          Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}"),
          // Databricks personal access tokens and OAuth secrets
          Pattern.compile("\\bdapi[0-9a-zA-Z_-]{8,}"),
          Pattern.compile("\\bdose[0-9a-zA-Z_-]{8,}"),
          // JSON Web Tokens
          Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"),
          // key=value / "key": "value" pairs whose key names a secret
          Pattern.compile(
              "(?i)((?:client_secret|access_token|refresh_token|token|password|secret|api_key)\"?\\s*[:=]\\s*\"?)[^\\s\"&,;}]+"));

  private static final Set<String> KNOWN_SECRETS = ConcurrentHashMap.newKeySet();

  private Redactor() {}

  /** Remembers a secret value (a configured token) so it is masked wherever it appears. */
  public static void registerSecret(String secret) {
    if (secret != null && secret.length() >= 6) {
      KNOWN_SECRETS.add(secret);
    }
  }

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : KNOWN_SECRETS) {
      out = out.replace(secret, MASK);
    }
    for (Pattern p : PATTERNS) {
      out = p.matcher(out).replaceAll(m -> m.groupCount() >= 1 && m.group(1) != null ? quote(m.group(1)) + MASK : MASK);
    }
    return out;
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("$", "\\$");
  }
}
