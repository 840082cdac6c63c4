package dev.databricksmcp.server.transport;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Which principal opened each MCP session, so a session id is never a credential on its own (MCP
 * 2025-11-25, security best practices, "Session Hijacking": bind sessions to the user). Bounded:
 * {@link #MAX_SESSIONS} in all, {@link #MAX_PER_PRINCIPAL} per principal (opening one more forgets
 * that principal's oldest, so no one can push out anyone else's), and forgotten {@link #IDLE_TTL}
 * after their last request. A forgotten session answers 404, and the client opens a new one.
 */
final class SessionOwners {
  static final int MAX_SESSIONS = 10_000;
  static final int MAX_PER_PRINCIPAL = 100;
  static final Duration IDLE_TTL = Duration.ofHours(1);

  private record Owner(String principal, long openedNanos) {}

  private final int maxPerPrincipal;
  private final LongSupplier clock;
  private final Cache<String, Owner> bySession;

  SessionOwners() {
    this(MAX_SESSIONS, MAX_PER_PRINCIPAL, System::nanoTime);
  }

  SessionOwners(int maxSessions, int maxPerPrincipal, LongSupplier clock) {
    this.maxPerPrincipal = maxPerPrincipal;
    this.clock = clock;
    this.bySession =
        Caffeine.newBuilder()
            .maximumSize(maxSessions)
            .expireAfterAccess(IDLE_TTL)
            .ticker(clock::getAsLong)
            .executor(Runnable::run)
            .build();
  }

  /** Records a session the MCP transport just opened for {@code principal}. */
  synchronized void opened(String sessionId, String principal) {
    Map<String, Owner> all = bySession.asMap();
    long held = all.values().stream().filter(o -> o.principal().equals(principal)).count();
    if (held >= maxPerPrincipal) {
      all.entrySet().stream()
          .filter(e -> e.getValue().principal().equals(principal))
          .min(Comparator.comparingLong(e -> e.getValue().openedNanos()))
          .ifPresent(oldest -> all.remove(oldest.getKey(), oldest.getValue()));
    }
    bySession.put(sessionId, new Owner(principal, clock.getAsLong()));
  }

  /** True when {@code principal} opened this session and it is still remembered. */
  boolean ownedBy(String sessionId, String principal) {
    Owner owner = bySession.getIfPresent(sessionId);
    return owner != null && owner.principal().equals(principal);
  }

  void closed(String sessionId) {
    bySession.invalidate(sessionId);
  }

  /** Sessions remembered now (after pending evictions); for tests. */
  long size() {
    bySession.cleanUp();
    return bySession.estimatedSize();
  }

  /** Sessions of one principal remembered now; for tests. */
  long heldBy(String principal) {
    return bySession.asMap().values().stream().filter(o -> o.principal().equals(principal)).count();
  }
}
