package dev.databricksmcp.server.oauth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Everything this server hands out in the OAuth flow (client ids, the state it sends to Databricks,
 * codes, access and refresh tokens) is a small JSON document sealed with AES-256-GCM: nobody
 * without the key can read it (it may hold a Databricks token) or change it (the tag fails), and
 * each kind is bound to its own name as associated data, so a refresh token is never accepted as an
 * access token, nor a client id as a code. The key is this process's own (random) or the one
 * replicas share ({@code DATABRICKS_MCP_OAUTH_KEY}); which is why replicas need no common store.
 */
public final class SealedTokens {
  /** The kinds of sealed document; each is its own associated data. */
  public enum Kind {
    CLIENT("dmc"),
    STATE("dms"),
    CODE("dmx"),
    ACCESS("dma"),
    REFRESH("dmr");

    final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param secret the shared secret (at least 32 characters) or null for a random key of this
   *     process
   */
  public SealedTokens(byte[] secret) {
    byte[] material = secret;
    if (material == null) {
      material = new byte[32];
      random.nextBytes(material);
    }
    this.key = new SecretKeySpec(derive(material), "AES");
  }

  /** The document, sealed: {@code <prefix>_<base64url(iv | ciphertext | tag)>}. */
  public String seal(Kind kind, Map<String, Object> claims) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(kind.prefix.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(JSON.writeValueAsBytes(claims));
      ByteBuffer out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed);
      return kind.prefix
          + "_"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot seal an OAuth document", e);
    }
  }

  /** The document, when it is of this kind, was sealed with this key and is unchanged. */
  public Optional<Map<String, Object>> open(Kind kind, String token) {
    if (token == null || !token.startsWith(kind.prefix + "_") || token.length() > 16_384) {
      return Optional.empty();
    }
    try {
      byte[] raw = Base64.getUrlDecoder().decode(token.substring(kind.prefix.length() + 1));
      if (raw.length <= IV_BYTES) {
        return Optional.empty();
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
      cipher.updateAAD(kind.prefix.getBytes(StandardCharsets.US_ASCII));
      byte[] plain = cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES);
      return Optional.of(JSON.readValue(plain, MAP));
    } catch (IllegalArgumentException | GeneralSecurityException | java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** A random identifier (grant ids, token ids), hex. */
  public String randomId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** SHA-256 in hex: how a client id is named inside other documents. */
  public static String digest(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An AES-256 key from the secret: SHA-256 over a label and the secret. */
  private static byte[] derive(byte[] secret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("databricks-mcp oauth sealing key v1".getBytes(StandardCharsets.US_ASCII));
      return sha.digest(secret);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
