package dev.databricksmcp.server.oauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * What this process remembers of the tokens it sealed: codes already redeemed, refresh tokens
 * already used (each is good once: a refresh returns a new one), and grants signed out. Bounded in
 * size and kept only as long as the tokens they name could still be presented. Replicas do not
 * share it (SECURITY.md, "Signing in with Databricks": a code or a spent refresh token replayed to
 * another replica within its lifetime is refused only by what Databricks itself refuses).
 */
final class SpentTokens {
  static final int MAX_ENTRIES = 100_000;

  private final Cache<String, Boolean> codes;
  private final Cache<String, Boolean> refreshTokens;
  private final Cache<String, Boolean> revokedGrants;

  SpentTokens(Duration codeTtl, Duration refreshTtl) {
    this.codes = cache(codeTtl.multipliedBy(2));
    this.refreshTokens = cache(refreshTtl);
    this.revokedGrants = cache(refreshTtl);
  }

  private static Cache<String, Boolean> cache(Duration ttl) {
    return Caffeine.newBuilder()
        .maximumSize(MAX_ENTRIES)
        .expireAfterWrite(ttl)
        .executor(Runnable::run)
        .build();
  }

  /** True the first time a code id is redeemed; false for a replay. */
  boolean redeemCode(String id) {
    return codes.asMap().putIfAbsent(id, Boolean.TRUE) == null;
  }

  /** True the first time a refresh token id is used; false for a replay. */
  boolean useRefreshToken(String id) {
    return refreshTokens.asMap().putIfAbsent(id, Boolean.TRUE) == null;
  }

  void revoke(String grantId) {
    revokedGrants.put(grantId, Boolean.TRUE);
  }

  boolean revoked(String grantId) {
    return revokedGrants.getIfPresent(grantId) != null;
  }
}
