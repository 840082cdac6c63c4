package dev.databricksmcp.server.core;

import java.util.concurrent.ThreadLocalRandom;

/** Short random ids that tie one tool call's log lines (and audit line) together. */
public final class CorrelationIds {
  private CorrelationIds() {}

  public static String next() {
    // 48 random bits as 12 hex digits; the high bit set and then dropped keeps the width fixed
    // without String.format, which costs more than the rest of this per-call bookkeeping
    return Long.toHexString((ThreadLocalRandom.current().nextLong() & 0xffffffffffffL) | (1L << 48))
        .substring(1);
  }
}
