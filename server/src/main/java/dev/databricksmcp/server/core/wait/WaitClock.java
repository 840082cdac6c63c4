package dev.databricksmcp.server.core.wait;

import java.util.concurrent.TimeUnit;

/**
 * The clock a {@link Waiter} reads and sleeps on: {@link System#nanoTime()} and {@link
 * Thread#sleep}, or a fake in tests, so that a test of a 30-second wait runs in no time and asserts
 * exactly when each poll happened.
 */
public interface WaitClock {
  /** The wall clock, on {@link System#nanoTime()}'s scale (the scale of call deadlines). */
  WaitClock SYSTEM =
      new WaitClock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(nanos);
        }
      };

  /** Now, in nanoseconds on an arbitrary origin; only differences mean anything. */
  long nanoTime();

  /**
   * Sleeps {@code nanos} (positive).
   *
   * @throws InterruptedException when the thread is interrupted before or during the sleep
   */
  void sleep(long nanos) throws InterruptedException;
}
