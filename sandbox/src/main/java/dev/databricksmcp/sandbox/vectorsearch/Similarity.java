package dev.databricksmcp.sandbox.vectorsearch;

/**
 * How close two vectors are, as Databricks Vector Search reports it. Indexes are ranked by L2
 * distance (Databricks' standard endpoints use HNSW over L2; normalised embeddings make that the
 * same order as cosine), and the score is {@code 1 / (1 + d²)}: 1 for the same vector, towards 0
 * far away. The score's formula is what we understand Databricks to use; the reference pages we
 * read do not state it, so it is the sandbox's choice.
 */
public final class Similarity {
  private Similarity() {}

  public static double score(float[] a, float[] b) {
    double d2 = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      d2 += d * d;
    }
    return 1 / (1 + d2);
  }

  /** The vector scaled to length 1 (a zero vector stays zero). */
  public static float[] normalised(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      return v;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }
}
