package dev.databricksmcp.sandbox.uc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Creation times of Unity Catalog objects: milliseconds, but never the same twice, so an object
 * dropped and created again under its name is always created later than the one it replaced.
 */
final class CreationTimes {
  private static final AtomicLong LAST = new AtomicLong();

  private CreationTimes() {}

  static long next() {
    return LAST.updateAndGet(previous -> Math.max(System.currentTimeMillis(), previous + 1));
  }
}
