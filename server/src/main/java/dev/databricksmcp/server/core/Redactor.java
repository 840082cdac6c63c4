package dev.databricksmcp.server.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
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
          new Rule(
              Pattern.compile("(?i)(authorization\\s*[:=]\\s*)(bearer|basic)?\\s*[^\\s,;\"'}]+"),
              List.of("authorization")),
          new Rule(Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}"), List.of("bearer")),
          // Databricks personal access tokens and OAuth secrets
          new Rule(Pattern.compile("\\bdapi[0-9a-zA-Z_-]{8,}"), List.of("dapi")),
          new Rule(Pattern.compile("\\bdose[0-9a-zA-Z_-]{8,}"), List.of("dose")),
          // JSON Web Tokens
          new Rule(
              Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"),
              List.of("eyj")),
          // key=value / "key": "value" pairs whose key names a secret
          new Rule(
              Pattern.compile(
                  "(?i)((?:client_secret|access_token|refresh_token|token|password|secret|api_key)"
                      + "\"?\\s*[:=]\\s*\"?)"
                      + "[^\\s\"&,;}]+"),
              List.of("token", "password", "secret", "api_key")));

  /**
   * The server's own secrets, kept for the life of the process; more than this are treated as
   * callers'.
   */
  static final int MAX_CONFIGURED_SECRETS = 256;

  /** Callers' tokens remembered at most, and for how long after last seen. */
  static final int MAX_CALLER_SECRETS = 1_024;

  static final Duration CALLER_SECRET_TTL = Duration.ofHours(1);

  private static final Secrets SECRETS =
      new Secrets(MAX_CONFIGURED_SECRETS, MAX_CALLER_SECRETS, CALLER_SECRET_TTL, System::nanoTime);

  /**
   * Values masked verbatim wherever they appear: the server's own secrets for good, callers' while
   * recent.
   */
  static final class Secrets {
    private final int maxConfigured;
    private final int maxCallers;
    private final Duration callerTtl;
    private final LongSupplier nanoClock;
    private final Set<String> configured = ConcurrentHashMap.newKeySet();

    /**
     * A token per caller would grow forever in a set: keep the recent ones; the patterns still
     * catch the shapes Databricks tokens take (dapi…, JWTs) once one has been forgotten. Built on
     * the first caller's token: until then (always, over stdio) Caffeine is not even loaded, which
     * keeps its start-up cost off the cold start.
     */
    private volatile Cache<String, Boolean> callers;

    Secrets(int maxConfigured, int maxCallers, Duration callerTtl, LongSupplier nanoClock) {
      this.maxConfigured = maxConfigured;
      this.maxCallers = maxCallers;
      this.callerTtl = callerTtl;
      this.nanoClock = nanoClock;
    }

    void register(String secret) {
      if (secret == null || secret.length() < 6 || configured.contains(secret)) {
        return;
      }
      if (configured.size() < maxConfigured) {
        configured.add(secret);
      } else {
        registerCaller(secret);
      }
    }

    void registerCaller(String secret) {
      if (secret != null && secret.length() >= 6 && !configured.contains(secret)) {
        callers().put(secret, Boolean.TRUE);
      }
    }

    private Cache<String, Boolean> callers() {
      Cache<String, Boolean> cache = callers;
      if (cache == null) {
        synchronized (this) {
          cache = callers;
          if (cache == null) {
            cache =
                Caffeine.newBuilder()
                    .maximumSize(maxCallers)
                    .expireAfterAccess(callerTtl)
                    .ticker(nanoClock::getAsLong)
                    .executor(Runnable::run)
                    .build();
            callers = cache;
          }
        }
      }
      return cache;
    }

    String mask(String text) {
      String out = text;
      for (String secret : configured) {
        out = out.replace(secret, MASK);
      }
      Cache<String, Boolean> cache = callers;
      if (cache != null) {
        for (String secret : cache.asMap().keySet()) {
          out = out.replace(secret, MASK);
        }
      }
      return out;
    }
  }

  private Redactor() {}

  /** Remembers a secret the server was configured with: masked wherever it appears, for good. */
  public static void registerSecret(String secret) {
    SECRETS.register(secret);
  }

  /** Remembers a caller's token (a forwarded user token) among the most recent ones. */
  public static void registerCallerSecret(String secret) {
    SECRETS.registerCaller(secret);
  }

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = SECRETS.mask(text);
    // the patterns match ASCII letters only, in any case: lower-casing cannot hide a trigger word
    String lower = out.toLowerCase(Locale.ROOT);
    for (Rule rule : RULES) {
      if (containsAny(lower, rule.mustContain())) {
        out = rule.pattern().matcher(out).replaceAll(Redactor::masked);
      }
    }
    return out;
  }

  /**
   * A match masked; a "password=" or "Authorization: " before the value stays, to show what was
   * masked.
   */
  private static String masked(MatchResult m) {
    return m.groupCount() >= 1 && m.group(1) != null
        ? Matcher.quoteReplacement(m.group(1)) + MASK
        : MASK;
  }

  private static boolean containsAny(String text, List<String> words) {
    for (String word : words) {
      if (text.contains(word)) {
        return true;
      }
    }
    return false;
  }
}
