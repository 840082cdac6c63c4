package dev.databricksmcp.server.core;

import java.time.Instant;

/**
 * Times as every tool answers them: ISO-8601 in UTC with a {@code Z} (docs/OUTPUT.md), whatever the
 * API gave (epoch milliseconds mostly).
 */
public final class Times {
  private Times() {}

  /** {@code 2026-12-01T05:34:24.682Z} for epoch milliseconds; null for null. */
  public static String iso(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
  }
}
