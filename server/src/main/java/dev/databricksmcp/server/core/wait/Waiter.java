package dev.databricksmcp.server.core.wait;

import dev.databricksmcp.server.core.CallDeadline;
import dev.databricksmcp.server.core.ToolContext;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way a tool waits for long-running work (a statement, a warehouse start, a cluster, a
 * run): polls on the wall clock with {@link Backoff}, reports progress, and stops in time to answer
 * with the work's state. For example:
 *
 * <pre>{@code
 * Waited<GetWarehouseResponse> w =
 *     Waiter.polling(() -> warehouses.get(new GetWarehouseRequest().setId(id)))
 *         .until(r -> r.getState() == State.RUNNING)
 *         .describedAs(r -> "warehouse " + id + " RUNNING (now " + r.getState() + ")")
 *         .waitFor(ctx, Duration.ofSeconds(30))
 *         .throwIfInterrupted();
 * }</pre>
 *
 * <p>The wait:
 *
 * <ul>
 *   <li>polls first at once (or starts from a state already known, {@link #startingFrom}), then
 *       after each pause of the backoff, and once more at its end, so the state handed back is
 *       current;
 *   <li>sends a progress notification through {@link ToolContext#progress} when it starts waiting
 *       (at 0 s), whenever the description of the state changes, and every {@link #PROGRESS_PERIOD}
 *       otherwise — waking for it between polls if need be;
 *   <li>ends at {@code maxWait} or a margin before the call's deadline ({@link
 *       CallDeadline#waitEnd(long, Duration)}), whichever comes first, and never sleeps past it;
 *   <li>never throws for the work: a poll that throws ends it as {@link Waited.Outcome#POLL_FAILED}
 *       with the cause and the last state known, an interrupt as {@link Waited.Outcome#INTERRUPTED}
 *       with the thread's interrupt flag set again.
 * </ul>
 *
 * <p>Instances are immutable: each configuring method returns a new waiter.
 *
 * @param <T> the polled state, e.g. a Databricks response
 */
public final class Waiter<T> {
  /** The longest time between two progress notifications while waiting. */
  public static final Duration PROGRESS_PERIOD = Duration.ofSeconds(2);

  private final Supplier<? extends T> poll;
  private final Predicate<? super T> isDone;
  private final Function<? super T, String> describe;
  private final Backoff backoff;
  private final WaitClock clock;
  private final boolean hasStart;
  private final T start;

  private Waiter(
      Supplier<? extends T> poll,
      Predicate<? super T> isDone,
      Function<? super T, String> describe,
      Backoff backoff,
      WaitClock clock,
      boolean hasStart,
      T start) {
    this.poll = poll;
    this.isDone = isDone;
    this.describe = describe;
    this.backoff = backoff;
    this.clock = clock;
    this.hasStart = hasStart;
    this.start = start;
  }

  /**
   * A waiter that reads the work's state with {@code poll}, e.g. a status request. Until {@link
   * #until} says otherwise, the first state polled is the one waited for.
   */
  public static <T> Waiter<T> polling(Supplier<? extends T> poll) {
    return new Waiter<>(
        Objects.requireNonNull(poll, "poll"),
        s -> true,
        String::valueOf,
        Backoff.DEFAULT,
        WaitClock.SYSTEM,
        false,
        null);
  }

  /** When the wait is over: the state is final, or the one asked for. */
  public Waiter<T> until(Predicate<? super T> isDone) {
    return new Waiter<>(
        poll, Objects.requireNonNull(isDone), describe, backoff, clock, hasStart, start);
  }

  /**
   * The words a progress notification gives for a state, e.g. {@code "warehouse 1234 RUNNING (now
   * STARTING)"}; a notification also goes out whenever these words change.
   */
  public Waiter<T> describedAs(Function<? super T, String> describe) {
    return new Waiter<>(
        poll, isDone, Objects.requireNonNull(describe), backoff, clock, hasStart, start);
  }

  /** The pauses between polls; {@link Backoff#DEFAULT} unless given. */
  public Waiter<T> from(Backoff backoff) {
    return new Waiter<>(
        poll, isDone, describe, Objects.requireNonNull(backoff), clock, hasStart, start);
  }

  /**
   * A state already known when the wait starts (e.g. the answer to the submit): the first poll then
   * comes after the first pause, not at once.
   */
  public Waiter<T> startingFrom(T known) {
    return new Waiter<>(poll, isDone, describe, backoff, clock, true, known);
  }

  /** The clock to read and sleep on; {@link WaitClock#SYSTEM} unless given (tests give a fake). */
  public Waiter<T> on(WaitClock clock) {
    return new Waiter<>(
        poll, isDone, describe, backoff, Objects.requireNonNull(clock), hasStart, start);
  }

  /**
   * Waits until the state is done, {@code maxWait} has passed, or the call's deadline is a margin
   * away, whichever comes first. Returns how it ended; never throws for a poll's failure.
   *
   * @param ctx the call: its deadline bounds the wait, its progress channel gets the notifications
   * @param maxWait the longest this wait may take (zero: look once, do not wait)
   */
  public Waited<T> waitFor(ToolContext ctx, Duration maxWait) {
    return new Run(ctx, maxWait, true).go();
  }

  /**
   * Waits as {@link #waitFor} does, for a caller that cancels the work if the time is up: nothing
   * is handed back then, so the call is not told {@link ToolContext#waitHandedBack} (metrics).
   */
  public Waited<T> waitForOrCancel(ToolContext ctx, Duration maxWait) {
    return new Run(ctx, maxWait, false).go();
  }

  /** One wait's moving parts. */
  private final class Run {
    private final ToolContext ctx;
    private final boolean handsBack;
    private final long begin;
    private final long end;
    private final double budgetSeconds;
    private T state;
    private int polls;
    private RuntimeException failure;

    Run(ToolContext ctx, Duration maxWait, boolean handsBack) {
      this.ctx = ctx;
      this.handsBack = handsBack;
      this.begin = clock.nanoTime();
      this.end = ctx.deadline().waitEnd(begin, maxWait);
      this.budgetSeconds = Math.max(0, end - begin) / 1e9;
      this.state = start;
    }

    Waited<T> go() {
      if (!hasStart && !poll()) {
        return ended(failedOutcome());
      }
      if (isDone.test(state)) {
        return ended(Waited.Outcome.DONE);
      }
      long now = clock.nanoTime();
      if (now - end >= 0) {
        return ended(Waited.Outcome.TIME_UP);
      }
      String said = describe.apply(state);
      report(now, said);
      long nextProgress = now + PROGRESS_PERIOD.toNanos();
      Duration pause = backoff.first();
      long nextPoll = now + pause.toNanos();
      while (true) {
        // until the next poll, progress report or the end, whichever comes first: always ahead,
        // since each is set after now, or the wait has ended (differences: nanoTime may wrap)
        long nap = Math.min(Math.min(nextPoll - now, nextProgress - now), end - now);
        try {
          clock.sleep(nap);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return ended(Waited.Outcome.INTERRUPTED);
        }
        now = clock.nanoTime();
        if (now - nextPoll >= 0 || now - end >= 0) {
          if (!poll()) {
            return ended(failedOutcome());
          }
          if (isDone.test(state)) {
            return ended(Waited.Outcome.DONE);
          }
          now = clock.nanoTime();
          pause = backoff.next(pause);
          nextPoll = now + pause.toNanos();
        }
        if (now - end >= 0) {
          return ended(Waited.Outcome.TIME_UP);
        }
        String words = describe.apply(state);
        if (!words.equals(said) || now - nextProgress >= 0) {
          report(now, words);
          said = words;
          nextProgress = now + PROGRESS_PERIOD.toNanos();
        }
      }
    }

    /** Polls once: false when the poll threw (kept in {@link #failure}). */
    private boolean poll() {
      try {
        state = Waiter.this.poll.get();
        polls++;
        return true;
      } catch (RuntimeException e) {
        polls++;
        failure = e;
        return false;
      }
    }

    /** A poll that threw while the thread was interrupted was cut short by the interrupt. */
    private Waited.Outcome failedOutcome() {
      return Thread.currentThread().isInterrupted()
          ? Waited.Outcome.INTERRUPTED
          : Waited.Outcome.POLL_FAILED;
    }

    private void report(long now, String words) {
      long elapsedMillis = (now - begin) / 1_000_000;
      ctx.progress(
          elapsedMillis / 1000.0,
          budgetSeconds,
          words + " (" + elapsedMillis / 1000 + "s of up to " + Math.round(budgetSeconds) + "s)");
    }

    private Waited<T> ended(Waited.Outcome outcome) {
      if (outcome == Waited.Outcome.TIME_UP && handsBack) {
        ctx.waitHandedBack();
      }
      return new Waited<>(
          outcome, state, Duration.ofNanos(clock.nanoTime() - begin), failure, polls);
    }
  }
}
