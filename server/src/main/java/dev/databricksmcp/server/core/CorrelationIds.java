package dev.databricksmcp.server.core;

import java.util.concurrent.ThreadLocalRandom;

/** Short random ids that tie one tool call's log lines (and audit line) together. */
public final class CorrelationIds {
  private CorrelationIds() {}

  public static String next() {
    return String.format("%012x", ThreadLocalRandom.current().nextLong() & 0xffffffffffffL);
  }
}
