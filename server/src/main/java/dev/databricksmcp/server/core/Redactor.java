package dev.databricksmcp.server.core;

import java.util.List;
import java.util.Locale;
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

  /**
   * A pattern and the lower-case words one of which any match must contain: text without them
   * (nearly every log line and audit record) skips the regex, the costly part of a call's logging.
   */
  private record Rule(Pattern pattern, List<String> mustContain) {}

  private static final List<Rule> RULES =
      List.of(
          // Authorization headers and bearer tokens, whatever the token looks like
          new Rule(Pattern.compile("(?i)(authorization\\s*[:=]\\s*)(bearer|basic)?\\s*[^\\s,;\"'}]+"), List.of("authorization")),
          new Rule(Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}"), List.of("bearer")),
          // Databricks personal access tokens and OAuth secrets
          new Rule(Pattern.compile("\\bdapi[0-9a-zA-Z_-]{8,}"), List.of("dapi")),
          new Rule(Pattern.compile("\\bdose[0-9a-zA-Z_-]{8,}"), List.of("dose")),
          // JSON Web Tokens
          new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), List.of("eyj")),
          // key=value / "key": "value" pairs whose key names a secret
          new Rule(
              Pattern.compile(
                  "(?i)((?:client_secret|access_token|refresh_token|token|password|secret|api_key)\"?\\s*[:=]\\s*\"?)[^\\s\"&,;}]+"),
              List.of("token", "password", "secret", "api_key")));

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
    // the patterns match ASCII letters only, in any case: lower-casing cannot hide a trigger word
    String lower = out.toLowerCase(Locale.ROOT);
    for (Rule rule : RULES) {
      if (containsAny(lower, rule.mustContain())) {
        out = rule.pattern().matcher(out).replaceAll(m -> m.groupCount() >= 1 && m.group(1) != null ? quote(m.group(1)) + MASK : MASK);
      }
    }
    return out;
  }

  private static boolean containsAny(String text, List<String> words) {
    for (String word : words) {
      if (text.contains(word)) {
        return true;
      }
    }
    return false;
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("$", "\\$");
  }
}
