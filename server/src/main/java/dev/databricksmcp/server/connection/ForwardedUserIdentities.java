package dev.databricksmcp.server.connection;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import com.databricks.sdk.service.iam.User;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a forwarded Databricks access token belongs to, as Databricks itself says (SCIM Me), never as
 * a request header says. Asked once per token and remembered by the token's SHA-256 (never the
 * token), in a cache bounded in size and age: a known owner for {@link #KNOWN_TTL}, a token
 * Databricks refused for {@link #REJECTED_TTL} (so replaying a bad token does not hammer SCIM). A
 * lookup that failed for another reason (network, 5xx) is not remembered.
 */
public final class ForwardedUserIdentities {
  private static final Logger LOG = LoggerFactory.getLogger(ForwardedUserIdentities.class);

  public static final int MAX_TOKENS = 10_000;
  public static final Duration KNOWN_TTL = Duration.ofMinutes(5);
  public static final Duration REJECTED_TTL = Duration.ofSeconds(30);

  /** What the lookup found. */
  public enum Outcome {
    /** Databricks named the token's owner. */
    KNOWN,
    /** Databricks refused the token (401 / 403): the caller gets 401. */
    REJECTED,
    /** Databricks could not be asked: the caller gets 503 and may retry. */
    UNAVAILABLE
  }

  /**
   * @param principal the owner's userName (or SCIM id when it has none); null unless KNOWN
   */
  public record Resolution(Outcome outcome, String principal) {}

  /** Asks Databricks who owns a token: SCIM Me with that token. */
  @FunctionalInterface
  public interface MeLookup {
    User me(String token);
  }

  private final MeLookup lookup;
  // asynchronous so that a slow lookup runs outside the map's lock (other tokens never wait on it),
  // while concurrent first requests with one token still share it
  private final AsyncCache<String, Resolution> byDigest;

  public ForwardedUserIdentities(MeLookup lookup) {
    this(lookup, MAX_TOKENS, System::nanoTime);
  }

  ForwardedUserIdentities(MeLookup lookup, int maxTokens, LongSupplier nanoClock) {
    this.lookup = lookup;
    this.byDigest =
        Caffeine.newBuilder()
            .maximumSize(maxTokens)
            .expireAfter(Expiry.<String, Resolution>creating((key, r) -> lifetime(r)))
            .ticker(nanoClock::getAsLong)
            // the lookup runs on the first caller's thread (see resolve), evictions too
            .executor(Runnable::run)
            .buildAsync();
  }

  /** The owner of {@code token}; concurrent first requests with one token share one lookup. */
  public Resolution resolve(String token) {
    String key = digest(token);
    CompletableFuture<Resolution> mine = new CompletableFuture<>();
    // only an empty future is put in under the map's lock; a lookup run there (as a synchronous
    // mapping function with a same-thread executor would be) holds up tokens stored near this one
    CompletableFuture<Resolution> shared = byDigest.get(key, (k, executor) -> mine);
    if (shared == mine) {
      complete(mine, token);
    }
    Resolution resolution = shared.join();
    if (resolution.outcome() == Outcome.UNAVAILABLE) {
      byDigest.synchronous().asMap().remove(key, resolution);
    }
    return resolution;
  }

  /** Answers the others waiting on {@code future} too, however the lookup ends. */
  private void complete(CompletableFuture<Resolution> future, String token) {
    try {
      future.complete(ask(token));
    } catch (Throwable e) {
      future.completeExceptionally(e);
      throw e;
    }
  }

  /** Tokens remembered now (after pending evictions); for tests. */
  long size() {
    byDigest.synchronous().cleanUp();
    return byDigest.synchronous().estimatedSize();
  }

  private static Duration lifetime(Resolution resolution) {
    return resolution.outcome() == Outcome.KNOWN ? KNOWN_TTL : REJECTED_TTL;
  }

  private Resolution ask(String token) {
    try {
      User me = lookup.me(token);
      String name = me == null ? null : firstNonBlank(me.getUserName(), me.getId());
      if (name == null) {
        return new Resolution(Outcome.REJECTED, null);
      }
      return new Resolution(Outcome.KNOWN, name);
    } catch (Unauthenticated | PermissionDenied e) {
      return new Resolution(Outcome.REJECTED, null);
    } catch (DatabricksError e) {
      if (e.getStatusCode() == 401 || e.getStatusCode() == 403) {
        return new Resolution(Outcome.REJECTED, null);
      }
      LOG.warn(
          "cannot ask Databricks who a forwarded token belongs to: HTTP {}", e.getStatusCode());
      return new Resolution(Outcome.UNAVAILABLE, null);
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot ask Databricks who a forwarded token belongs to: {}",
          e.getClass().getSimpleName());
      return new Resolution(Outcome.UNAVAILABLE, null);
    }
  }

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }

  static String digest(String token) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
