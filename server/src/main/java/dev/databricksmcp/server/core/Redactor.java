package dev.databricksmcp.server.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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

  /** Every rule's trigger words, lower case, each at a bit of {@link #wordsIn}'s answer. */
  private static final String[] WORDS = {
    "authorization", "bearer", "dapi", "dose", "eyj", "token", "password", "secret", "api_key"
  };

  /**
   * A pattern and the bits of the {@link #WORDS} one of which any match must contain: text without
   * them (nearly every log line and audit record) skips the regex, the costly part of a call's
   * logging.
   */
  private record Rule(Pattern pattern, long words) {
    static Rule of(Pattern pattern, String... mustContain) {
      long bits = 0;
      for (String word : mustContain) {
        bits |= 1L << List.of(WORDS).indexOf(word);
      }
      return new Rule(pattern, bits);
    }
  }

  private static final List<Rule> RULES =
      List.of(
          // Authorization headers and bearer tokens, whatever the token looks like
          Rule.of(
              Pattern.compile("(?i)(authorization\\s*[:=]\\s*)(bearer|basic)?\\s*[^\\s,;\"'}]+"),
              "authorization"),
          Rule.of(Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}"), "bearer"),
          // Databricks personal access tokens and OAuth secrets
          Rule.of(Pattern.compile("\\bdapi[0-9a-zA-Z_-]{8,}"), "dapi"),
          Rule.of(Pattern.compile("\\bdose[0-9a-zA-Z_-]{8,}"), "dose"),
          // JSON Web Tokens
          Rule.of(
              Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"),
              "eyj"),
          // key=value / "key": "value" pairs whose key names a secret
          Rule.of(
              Pattern.compile(
                  "(?i)((?:client_secret|access_token|refresh_token|token|password|secret|api_key)"
                      + "\"?\\s*[:=]\\s*\"?)"
                      + "[^\\s\"&,;}]+"),
              "token",
              "password",
              "secret",
              "api_key"));

  /** At each byte, the bits of the {@link #WORDS} whose first letter it is, in either case. */
  private static final int[] FIRST_LETTERS = new int[256];

  /** At each byte, the bits of the {@link #WORDS} whose second letter it is, in either case. */
  private static final int[] SECOND_LETTERS = new int[256];

  static {
    for (int i = 0; i < WORDS.length; i++) {
      for (int[] table : new int[][] {FIRST_LETTERS, SECOND_LETTERS}) {
        char letter = WORDS[i].charAt(table == FIRST_LETTERS ? 0 : 1);
        table[letter] |= 1 << i;
        table[Character.toUpperCase(letter)] |= 1 << i;
      }
    }
  }

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

    /**
     * Whether a secret may occur in a string that {@code json}, a JSON text, holds: true when one
     * is there, or when one has a character JSON escapes (then it may be there in another form).
     */
    boolean mayOccurInJson(String json) {
      for (String secret : configured) {
        if (json.contains(secret) || escapedInJson(secret)) {
          return true;
        }
      }
      Cache<String, Boolean> cache = callers;
      if (cache != null) {
        for (String secret : cache.asMap().keySet()) {
          if (json.contains(secret) || escapedInJson(secret)) {
            return true;
          }
        }
      }
      return false;
    }

    private static boolean escapedInJson(String secret) {
      for (int i = 0; i < secret.length(); i++) {
        char c = secret.charAt(i);
        if (c < 0x20 || c == '"' || c == '\\') {
          return true;
        }
      }
      return false;
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

  /**
   * False when {@link #redact} leaves every string of the JSON text {@code json} as it is (it masks
   * nothing there and finds no word a pattern needs): one scan of the text instead of one per
   * string. Words and ASCII letters are never escaped in JSON, so none can hide from it.
   */
  static boolean mayChangeStringsOf(String json) {
    return wordsIn(json) != 0 || SECRETS.mayOccurInJson(json);
  }

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = SECRETS.mask(text);
    long present = wordsIn(out);
    if (present == 0) {
      return out;
    }
    for (Rule rule : RULES) {
      if ((present & rule.words()) != 0) {
        out = rule.pattern().matcher(out).replaceAll(Redactor::masked);
      }
    }
    return out;
  }

  /**
   * The bits of the {@link #WORDS} that occur in {@code text}, in any ASCII letter case: the
   * patterns match ASCII letters only, so no other case folding can make a match. One pass over a
   * byte copy: a lower-cased copy searched once per word cost more than the rest of a tool call's
   * envelope in the stdio server's C1-compiled code.
   */
  static long wordsIn(String text) {
    // ISO-8859-1 keeps every ASCII letter in place and turns what it cannot encode into '?', which
    // no word contains; for the Latin-1 strings nearly all text is, the bytes are a plain copy
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    long found = 0;
    // two table lookups a byte; the rare place where a word's first two letters are is checked
    for (int i = 0; i + 1 < bytes.length; i++) {
      int starts = FIRST_LETTERS[bytes[i] & 0xFF] & SECOND_LETTERS[bytes[i + 1] & 0xFF];
      while (starts != 0) {
        int word = Integer.numberOfTrailingZeros(starts);
        starts &= starts - 1;
        if (startsAt(bytes, i, WORDS[word])) {
          found |= 1L << word;
        }
      }
    }
    return found;
  }

  /** Whether lower-case {@code word}, whose first two letters are there, is at {@code offset}. */
  private static boolean startsAt(byte[] text, int offset, String word) {
    if (offset + word.length() > text.length) {
      return false;
    }
    for (int j = 2; j < word.length(); j++) {
      int c = text[offset + j];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != word.charAt(j)) {
        return false;
      }
    }
    return true;
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
}
