package dev.databricksmcp.server.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** PKCE (RFC 7636) with S256, the only method this server offers or uses. */
final class Pkce {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Pkce() {}

  /** A verifier of 43 characters from the unreserved set (section 4.1). */
  static String verifier() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** BASE64URL(SHA256(ASCII(verifier))), section 4.2. */
  static String challenge(String verifier) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the verifier matches the challenge, compared in constant time. */
  static boolean matches(String verifier, String challenge) {
    if (verifier == null || challenge == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
      return false;
    }
    return MessageDigest.isEqual(
        challenge(verifier).getBytes(StandardCharsets.US_ASCII),
        challenge.getBytes(StandardCharsets.US_ASCII));
  }
}
