package dev.databricksmcp.server.core;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The deadlines of the tool calls in flight, watched by one thread. A tool's handler runs on the
 * thread that received the call — no hand-off to a pool and back, which cost more than the rest of
 * a cached call — and when its deadline passes this thread answers for it (TIMEOUT, on time) and
 * interrupts the handler. Checked every {@code tick}; the watcher parks when no call has been made
 * for a while and the next call wakes it.
 */
public final class CallDeadlines {
  /** The one watcher of the process. */
  public static final CallDeadlines SHARED =
      new CallDeadlines(Duration.ofMillis(50), Duration.ofSeconds(5));

  private final Set<Watch> running = ConcurrentHashMap.newKeySet();
  private final long tickNanos;
  private final long idleAfterNanos;
  private final Thread watcher;
  private volatile boolean parked;

  CallDeadlines(Duration tick, Duration idleAfter) {
    this.tickNanos = tick.toNanos();
    this.idleAfterNanos = idleAfter.toNanos();
    watcher = new Thread(this::watch, "tool-call-deadlines");
    watcher.setDaemon(true);
    watcher.start();
  }

  /**
   * Starts watching a call made on the current thread.
   *
   * @param onExpiry answers the call when the deadline passes first; runs on the watcher thread
   */
  public Watch watch(Duration timeout, Runnable onExpiry) {
    Watch w = new Watch(System.nanoTime() + timeout.toNanos(), Thread.currentThread(), onExpiry);
    running.add(w);
    if (parked) {
      LockSupport.unpark(watcher);
    }
    return w;
  }

  /** One call's deadline. */
  public final class Watch {
    private final long deadline;
    private final Thread thread;
    private final Runnable onExpiry;
    private boolean finished;
    private boolean expired;

    private Watch(long deadline, Thread thread, Runnable onExpiry) {
      this.deadline = deadline;
      this.thread = thread;
      this.onExpiry = onExpiry;
    }

    /**
     * When the call is due, on {@link System#nanoTime()}'s clock: what the handler's waits are
     * capped by.
     */
    public long deadlineNanos() {
      return deadline;
    }

    /**
     * Called by the handler's thread when the handler has returned or thrown. After it, no
     * interrupt of ours reaches the thread, and one that did is cleared (the thread may be a
     * pool's, and go on to serve other requests).
     *
     * @return true when the deadline passed first: the call was already answered
     */
    public synchronized boolean finish() {
      finished = true;
      running.remove(this);
      if (expired) {
        Thread.interrupted();
      }
      return expired;
    }

    private synchronized void expireIfDue(long now) {
      if (finished || expired || now - deadline < 0) {
        return;
      }
      expired = true;
      running.remove(this);
      try {
        onExpiry.run();
      } finally {
        thread.interrupt();
      }
    }
  }

  private void watch() {
    long emptySince = System.nanoTime();
    while (true) {
      long now = System.nanoTime();
      if (!running.isEmpty()) {
        emptySince = now;
        for (Watch w : running) {
          try {
            w.expireIfDue(now);
          } catch (RuntimeException e) {
            // an answer that could not be delivered must not stop the watching of the others
          }
        }
      } else if (now - emptySince > idleAfterNanos) {
        parked = true;
        // watch() adds, then reads parked; this writes parked, then reads running: one of the two
        // sees the other
        if (running.isEmpty()) {
          LockSupport.park(this);
        }
        parked = false;
        emptySince = System.nanoTime();
        continue;
      }
      LockSupport.parkNanos(this, tickNanos);
    }
  }
}
