package dev.databricksmcp.sandbox.vectorsearch;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The sandbox's stand-in for Databricks' foundation embedding endpoints: a deterministic local
 * embedding, nothing downloaded or called. Lower-cased word unigrams and character trigrams (of
 * each word padded with spaces) are hashed into {@link #DIMENSION} buckets with a hashed sign, and
 * the vector is L2-normalised, so texts that share words and word pieces lie close together: a text
 * query finds lexically similar rows, not semantically similar ones.
 */
public final class TextEmbedding {
  /** The dimension of databricks-gte-large-en and databricks-bge-large-en. */
  public static final int DIMENSION = 1024;

  /** The embedding endpoints the sandbox answers for (the pay-per-token foundation models). */
  public static final Set<String> ENDPOINTS =
      Set.of("databricks-gte-large-en", "databricks-bge-large-en");

  private TextEmbedding() {}

  public static boolean known(String endpointName) {
    return ENDPOINTS.contains(endpointName);
  }

  public static float[] embed(String text) {
    float[] v = new float[DIMENSION];
    String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
    for (String word : lower.split("[^\\p{L}\\p{N}]+")) {
      if (word.isEmpty()) {
        continue;
      }
      add(v, "w:" + word, 2f);
      String padded = " " + word + " ";
      for (int i = 0; i + 3 <= padded.length(); i++) {
        add(v, "c:" + padded.substring(i, i + 3), 1f);
      }
    }
    return Similarity.normalised(v);
  }

  private static void add(float[] v, String feature, float weight) {
    int h = fnv1a(feature.getBytes(StandardCharsets.UTF_8));
    v[Math.floorMod(h, DIMENSION)] += ((h >>> 31) == 0 ? 1 : -1) * weight;
  }

  private static int fnv1a(byte[] bytes) {
    int h = 0x811c9dc5;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    return h;
  }
}
