package dev.databricksmcp.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived, single-use confirmation tokens bound to one exact call: principal, tool, canonical
 * arguments and the target's fingerprint. Signed with a key that lives only in this process, or
 * with the key replicas share ({@link ConfirmationKey}), so a token cannot be forged, or carried
 * over to other arguments or another object. Hex only: no run of letters in a token can look like a
 * credential to the redactor, which would mask it on its way to the client.
 */
public final class ConfirmationTokens {
  private static final HexFormat HEX = HexFormat.of();

  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Long> used = new ConcurrentHashMap<>();

  /** Null: a key of this process only, made on first use. */
  private final byte[] sharedKey;

  /**
   * Made on first use: seeding costs start-up time that most sessions, which delete nothing, never
   * need.
   */
  private SecureRandom random;

  private byte[] key;

  public ConfirmationTokens(Duration ttl, Clock clock) {
    this(ttl, clock, null);
  }

  /**
   * @param sharedKey the key replicas share, or null for a key of this process only
   */
  public ConfirmationTokens(Duration ttl, Clock clock, byte[] sharedKey) {
    this.ttl = ttl;
    this.clock = clock;
    this.sharedKey = sharedKey == null ? null : sharedKey.clone();
  }

  private synchronized SecureRandom random() {
    if (random == null) {
      random = new SecureRandom();
      if (sharedKey != null) {
        key = sharedKey;
      } else {
        key = new byte[32];
        random.nextBytes(key);
      }
    }
    return random;
  }

  private synchronized byte[] key() {
    random();
    return key;
  }

  public Duration ttl() {
    return ttl;
  }

  /** A token for this exact call, valid for the TTL. */
  public String issue(String binding) {
    long expires = clock.millis() + ttl.toMillis();
    byte[] nonce = new byte[12];
    random().nextBytes(nonce);
    String payload = expires + "." + HEX.formatHex(nonce);
    return payload + "." + HEX.formatHex(sign(payload, binding));
  }

  /** Result of checking a token. */
  public enum Verdict {
    VALID,
    EXPIRED,
    INVALID,
    ALREADY_USED
  }

  /**
   * Checks the token against this call and, when valid, spends it. Spent tokens are remembered by
   * this process: behind a load balancer, each replica would accept a token once within its TTL.
   */
  public Verdict redeem(String token, String binding) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Verdict.INVALID;
    }
    long expires;
    byte[] signature;
    try {
      expires = Long.parseLong(parts[0]);
      signature = HEX.parseHex(parts[2]);
    } catch (IllegalArgumentException e) {
      return Verdict.INVALID;
    }
    String payload = parts[0] + "." + parts[1];
    if (!MessageDigest.isEqual(signature, sign(payload, binding))) {
      return Verdict.INVALID;
    }
    long now = clock.millis();
    if (now > expires) {
      return Verdict.EXPIRED;
    }
    used.entrySet().removeIf(e -> e.getValue() < now);
    if (used.putIfAbsent(parts[1], expires) != null) {
      return Verdict.ALREADY_USED;
    }
    return Verdict.VALID;
  }

  private byte[] sign(String payload, String binding) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      mac.update(payload.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(binding.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
