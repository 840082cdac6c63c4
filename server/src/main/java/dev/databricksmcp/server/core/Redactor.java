package dev.databricksmcp.server.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Removes anything that looks like a credential from text before it reaches a result or a log line:
 * Databricks PATs, bearer headers, JWTs, OAuth secrets, and every secret value the server was
 * configured with (registered at start-up, kept for good) and the callers' tokens seen recently
 * (bounded in number and age).
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

  /** The server's own secrets, kept for the life of the process; more than this are treated as callers'. */
  static final int MAX_CONFIGURED_SECRETS = 256;
  /** Callers' tokens remembered at most, and for how long after last seen. */
  static final int MAX_CALLER_SECRETS = 1_024;
  static final Duration CALLER_SECRET_TTL = Duration.ofHours(1);

  private static final Set<String> CONFIGURED_SECRETS = ConcurrentHashMap.newKeySet();
  // set once a caller's token is registered: until then (always, over stdio) the cache below is not
  // even loaded, which keeps Caffeine's start-up cost off the cold start
  private static volatile boolean callerSecretsUsed;

  /**
   * A token per caller would grow forever in a set: keep the recent ones; the patterns still catch
   * the shapes Databricks tokens take (dapi…, JWTs) once one has been forgotten.
   */
  private static final class CallerSecrets {
    static final Cache<String, Boolean> CACHE =
        Caffeine.newBuilder()
            .maximumSize(MAX_CALLER_SECRETS)
            .expireAfterAccess(CALLER_SECRET_TTL)
            .executor(Runnable::run)
            .build();
  }

  private Redactor() {}

  /** Remembers a secret the server was configured with: masked wherever it appears, for good. */
  public static void registerSecret(String secret) {
    if (secret == null || secret.length() < 6 || CONFIGURED_SECRETS.contains(secret)) {
      return;
    }
    if (CONFIGURED_SECRETS.size() < MAX_CONFIGURED_SECRETS) {
      CONFIGURED_SECRETS.add(secret);
    } else {
      registerCallerSecret(secret);
    }
  }

  /** Remembers a caller's token (a forwarded user token) among the most recent ones. */
  public static void registerCallerSecret(String secret) {
    if (secret != null && secret.length() >= 6 && !CONFIGURED_SECRETS.contains(secret)) {
      CallerSecrets.CACHE.put(secret, Boolean.TRUE);
      callerSecretsUsed = true;
    }
  }

  /** Callers' secrets remembered now (after pending evictions); for tests. */
  static long callerSecretCount() {
    if (!callerSecretsUsed) {
      return 0;
    }
    CallerSecrets.CACHE.cleanUp();
    return CallerSecrets.CACHE.estimatedSize();
  }

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : CONFIGURED_SECRETS) {
      out = out.replace(secret, MASK);
    }
    if (callerSecretsUsed) {
      for (String secret : CallerSecrets.CACHE.asMap().keySet()) {
        out = out.replace(secret, MASK);
      }
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
