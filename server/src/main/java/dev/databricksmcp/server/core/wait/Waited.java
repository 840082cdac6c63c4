package dev.databricksmcp.server.core.wait;

import java.time.Duration;

/**
 * How a {@link Waiter}'s wait ended.
 *
 * @param outcome why it ended
 * @param last the last state polled (or the one it started from); null only when the very first
 *     poll failed or was interrupted
 * @param elapsed how long the wait took, on the waiter's clock
 * @param failure what the failed poll threw, for {@link Outcome#POLL_FAILED}; for {@link
 *     Outcome#INTERRUPTED}, a poll's failure when the interrupt surfaced as one; else null
 * @param polls how many polls were made
 * @param <T> the polled state
 */
public record Waited<T>(
    Outcome outcome, T last, Duration elapsed, RuntimeException failure, int polls) {

  /** Why a wait ended. */
  public enum Outcome {
    /** The last state is the one waited for. */
    DONE,
    /** The wait's end came first: its own maximum, or a margin before the call's deadline. */
    TIME_UP,
    /** The thread was interrupted; its interrupt flag is set again. */
    INTERRUPTED,
    /** A poll threw ({@link #failure}); the work may go on, its state is unknown now. */
    POLL_FAILED
  }

  public boolean done() {
    return outcome == Outcome.DONE;
  }

  /**
   * This result, unless the wait was interrupted: then the interrupt is handed on the way a handler
   * ends on one — the flag cleared and {@link InterruptedException} thrown.
   */
  public Waited<T> throwIfInterrupted() throws InterruptedException {
    if (outcome == Outcome.INTERRUPTED) {
      Thread.interrupted();
      InterruptedException e = new InterruptedException("interrupted while waiting");
      if (failure != null) {
        e.initCause(failure);
      }
      throw e;
    }
    return this;
  }
}
