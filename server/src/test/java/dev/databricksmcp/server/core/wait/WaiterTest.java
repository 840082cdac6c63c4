package dev.databricksmcp.server.core.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.server.core.CallDeadline;
import dev.databricksmcp.server.testing.RecordingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The waiter on a fake clock: when it polls, how long it sleeps, what progress it reports and how
 * each kind of end is told apart. Times are exact; nothing here sleeps for real.
 */
class WaiterTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;

  /** Any origin: nanoTime values carry no meaning of their own. */
  private static final long T0 = 123_456_789_000L;

  private final FakeWaitClock clock = new FakeWaitClock(T0);
  private final List<Long> pollTimes = new ArrayList<>();

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted(); // never leak a flag into the next test
  }

  private static RecordingContext unbounded() {
    return new RecordingContext(CallDeadline.none());
  }

  /** A call given {@code timeoutSeconds}, which started now on the fake clock. */
  private RecordingContext callOf(long timeoutSeconds) {
    return new RecordingContext(
        CallDeadline.at(clock.nanoTime() + timeoutSeconds * S, Duration.ofSeconds(timeoutSeconds)));
  }

  /** Polls return the states in order, then the last one forever; each poll's time is recorded. */
  private Supplier<String> states(String... states) {
    int[] next = {0};
    return () -> {
      pollTimes.add(clock.nanoTime() - T0);
      String s = states[Math.min(next[0], states.length - 1)];
      next[0]++;
      return s;
    };
  }

  private Waiter<String> waiter(Supplier<String> poll) {
    return Waiter.polling(poll).until("DONE"::equals).on(clock);
  }

  private static List<Long> millis(List<Long> nanos) {
    return nanos.stream().map(n -> n / MS).toList();
  }

  @Test
  void workDoneAtTheFirstPollIsAnsweredAtOnceWithoutSleepOrProgress() {
    RecordingContext call = unbounded();

    Waited<String> w = waiter(states("DONE")).waitFor(call, Duration.ofSeconds(30));

    assertThat(w.outcome()).isEqualTo(Waited.Outcome.DONE);
    assertThat(w.done()).isTrue();
    assertThat(w.last()).isEqualTo("DONE");
    assertThat(w.polls()).isEqualTo(1);
    assertThat(w.elapsed()).isZero();
    assertThat(w.failure()).isNull();
    assertThat(clock.sleeps()).isEmpty();
    assertThat(call.progress).isEmpty();
    assertThat(call.waitsHandedBack).as("work done is not a wait handed back").hasValue(0);
  }

  @Test
  void pollsFollowTheDefaultBackoffUntilDone() {
    Waited<String> w =
        waiter(states("A", "A", "A", "A", "A", "A", "A", "DONE"))
            .describedAs(s -> "same words")
            .waitFor(unbounded(), Duration.ofSeconds(60));

    // pauses of 250 ms, 500 ms, 1 s, 2 s, then 3 s at most
    assertThat(millis(pollTimes))
        .containsExactly(0L, 250L, 750L, 1750L, 3750L, 6750L, 9750L, 12750L);
    assertThat(w.outcome()).isEqualTo(Waited.Outcome.DONE);
    assertThat(w.polls()).isEqualTo(8);
    assertThat(w.elapsed()).isEqualTo(Duration.ofMillis(12750));
  }

  @Test
  void theStatementProfileStartsAt50MsAndStopsGrowingAt2s() {
    Waited<String> w =
        waiter(states("A", "A", "A", "A", "A", "A", "DONE"))
            .from(Backoff.STATEMENT)
            .startingFrom("A")
            .waitFor(unbounded(), Duration.ofSeconds(60));

    // the known state is the submit's answer: the first poll comes after the first pause
    assertThat(millis(pollTimes)).containsExactly(50L, 150L, 350L, 750L, 1550L, 3150L, 5150L);
    assertThat(w.polls()).isEqualTo(7);
    assertThat(w.done()).isTrue();
  }

  @Test
  void aStateAlreadyDoneNeedsNoPoll() {
    Waited<String> w =
        waiter(states("A")).startingFrom("DONE").waitFor(unbounded(), Duration.ofSeconds(10));

    assertThat(w.outcome()).isEqualTo(Waited.Outcome.DONE);
    assertThat(w.polls()).isZero();
    assertThat(pollTimes).isEmpty();
  }

  @Test
  void theWaitEndsAMarginBeforeTheCallsDeadlineWithAFinalPollAndNeverSleepsPastIt() {
    RecordingContext call = callOf(10); // margin: a fifth of 10 s = 2 s, so the wait ends at 8 s

    Waited<String> w = waiter(states("A", "B", "C")).waitFor(call, Duration.ofSeconds(60));

    assertThat(w.outcome()).isEqualTo(Waited.Outcome.TIME_UP);
    assertThat(w.elapsed()).isEqualTo(Duration.ofSeconds(8));
    assertThat(clock.nanoTime() - T0).isEqualTo(8 * S);
    assertThat(clock.sleeps().stream().mapToLong(Long::longValue).sum()).isEqualTo(8 * S);
    // polls at 0, 250, 750, 1750, 3750, 6750 ms, and once more at the end: the state is current
    assertThat(millis(pollTimes)).containsExactly(0L, 250L, 750L, 1750L, 3750L, 6750L, 8000L);
    assertThat(w.last()).isEqualTo("C");
    assertThat(w.failure()).isNull();
    assertThat(call.waitsHandedBack).as("the call is told its wait was handed back").hasValue(1);
  }

  @Test
  void aWaitWhoseWorkIsCancelledAtTimeUpIsNotHandedBack() {
    RecordingContext call = callOf(300);
    Waited<String> w = waiter(states("A")).waitForOrCancel(call, Duration.ofMillis(1000));

    assertThat(w.outcome()).isEqualTo(Waited.Outcome.TIME_UP);
    assertThat(w.elapsed()).isEqualTo(Duration.ofMillis(1000));
    assertThat(call.waitsHandedBack).as("the caller cancels: nothing is handed back").hasValue(0);
  }

  @Test
  void aShorterWaitOfItsOwnEndsAtItsOwnLength() {
    Waited<String> w = waiter(states("A")).waitFor(callOf(300), Duration.ofMillis(1000));

    assertThat(w.outcome()).isEqualTo(Waited.Outcome.TIME_UP);
    assertThat(w.elapsed()).isEqualTo(Duration.ofMillis(1000));
    assertThat(millis(pollTimes)).containsExactly(0L, 250L, 750L, 1000L);
    assertThat(millis(clock.sleeps())).containsExactly(250L, 500L, 250L);
  }

  @Test
  void withADeadlineAlreadyPassedItPollsOnceAndNeverSleeps() {
    RecordingContext late = new RecordingContext(CallDeadline.at(T0 - 1, Duration.ofSeconds(30)));

    Waited<String> w = waiter(states("A")).waitFor(late, Duration.ofSeconds(30));

    assertThat(w.outcome()).isEqualTo(Waited.Outcome.TIME_UP);
    assertThat(w.last()).isEqualTo("A");
    assertThat(w.polls()).isEqualTo(1);
    assertThat(clock.sleeps()).isEmpty();
    assertThat(late.progress).isEmpty();
  }

  @Test
  void aZeroWaitLooksOnceAndAStartingStateIsNotPolledAgain() {
    Waited<String> looked = waiter(states("A")).waitFor(unbounded(), Duration.ZERO);
    assertThat(looked.outcome()).isEqualTo(Waited.Outcome.TIME_UP);
    assertThat(looked.polls()).isEqualTo(1);

    Waited<String> known =
        waiter(states("B")).startingFrom("A").waitFor(unbounded(), Duration.ZERO);
    assertThat(known.outcome()).isEqualTo(Waited.Outcome.TIME_UP);
    assertThat(known.last()).isEqualTo("A");
    assertThat(known.polls()).isZero();
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void progressAtTheStartOnEachChangeAndEveryTwoSecondsInBetween() {
    RecordingContext call =
        callOf(60); // margin 5 s: the wait may last 55 s, so 30 s is its own end
    Waited<String> w =
        waiter(states("PENDING", "PENDING", "RUNNING", "RUNNING", "RUNNING", "RUNNING", "DONE"))
            .describedAs(s -> "job " + s)
            .waitFor(call, Duration.ofSeconds(30));

    // polls at 0, 250, 750 (RUNNING), 1750, 3750, 6750, 9750 ms (DONE)
    assertThat(w.done()).isTrue();
    assertThat(call.progress)
        .extracting(RecordingContext.Progress::progress)
        .containsExactly(0.0, 0.75, 2.75, 4.75, 6.75, 8.75);
    assertThat(call.progress)
        .extracting(RecordingContext.Progress::message)
        .containsExactly(
            "job PENDING (0s of up to 30s)",
            "job RUNNING (0s of up to 30s)",
            "job RUNNING (2s of up to 30s)",
            "job RUNNING (4s of up to 30s)",
            "job RUNNING (6s of up to 30s)",
            "job RUNNING (8s of up to 30s)");
    assertThat(call.progress).extracting(RecordingContext.Progress::total).containsOnly(30.0);
    // 2 s after the change, and every 2 s since: the waiter wakes for them between polls
    assertThat(millis(pollTimes)).containsExactly(0L, 250L, 750L, 1750L, 3750L, 6750L, 9750L);
  }

  @Test
  void progressTotalIsTheWaitThatTheDeadlineLeaves() {
    RecordingContext call = callOf(10);
    waiter(states("A")).waitFor(call, Duration.ofSeconds(60));

    assertThat(call.progress.get(0).total()).isEqualTo(8.0);
    assertThat(call.progress.get(0).message()).isEqualTo("A (0s of up to 8s)");
    assertThat(call.progress)
        .extracting(RecordingContext.Progress::progress)
        .containsExactly(0.0, 2.0, 4.0, 6.0);
  }

  @Test
  void aPollThatThrowsEndsTheWaitWithTheCauseAndTheLastStateKnown() {
    RuntimeException down = new IllegalStateException("503");
    int[] n = {0};
    Waited<String> w =
        waiter(
                () -> {
                  if (n[0]++ == 2) {
                    throw down;
                  }
                  return "RUNNING";
                })
            .waitFor(unbounded(), Duration.ofSeconds(30));

    assertThat(w.outcome()).isEqualTo(Waited.Outcome.POLL_FAILED);
    assertThat(w.failure()).isSameAs(down);
    assertThat(w.last()).isEqualTo("RUNNING");
    assertThat(w.polls()).isEqualTo(3);
    assertThat(w.elapsed()).isEqualTo(Duration.ofMillis(750));
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aFirstPollThatThrowsLeavesNoState() {
    RuntimeException down = new IllegalStateException("503");
    Waited<String> w =
        waiter(
                () -> {
                  throw down;
                })
            .waitFor(unbounded(), Duration.ofSeconds(30));

    assertThat(w.outcome()).isEqualTo(Waited.Outcome.POLL_FAILED);
    assertThat(w.last()).isNull();
    assertThat(w.failure()).isSameAs(down);
    assertThat(w.polls()).isEqualTo(1);
  }

  @Test
  void anInterruptStopsTheWaitAndTheFlagIsSetAgain() {
    int[] n = {0};
    Waited<String> w =
        waiter(
                () -> {
                  if (++n[0] == 2) {
                    Thread.currentThread().interrupt(); // e.g. the call's deadline watcher
                  }
                  return "RUNNING";
                })
            .waitFor(unbounded(), Duration.ofSeconds(30));

    assertThat(w.outcome()).isEqualTo(Waited.Outcome.INTERRUPTED);
    assertThat(w.last()).isEqualTo("RUNNING");
    assertThat(w.polls()).isEqualTo(2);
    assertThat(w.elapsed()).isEqualTo(Duration.ofMillis(250));
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void aPollFailingBecauseOfAnInterruptIsAnInterrupt() {
    RuntimeException cut = new RuntimeException("java.io.InterruptedIOException");
    Waited<String> w =
        waiter(
                () -> {
                  Thread.currentThread().interrupt();
                  throw cut;
                })
            .waitFor(unbounded(), Duration.ofSeconds(30));

    assertThat(w.outcome()).isEqualTo(Waited.Outcome.INTERRUPTED);
    assertThat(w.failure()).isSameAs(cut);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void throwIfInterruptedHandsTheInterruptOnAsAnExceptionAndClearsTheFlag() throws Exception {
    RuntimeException cut = new RuntimeException("cut");
    Thread.currentThread().interrupt();
    Waited<String> interrupted =
        new Waited<>(Waited.Outcome.INTERRUPTED, "A", Duration.ZERO, cut, 1);

    assertThatThrownBy(interrupted::throwIfInterrupted)
        .isInstanceOf(InterruptedException.class)
        .hasCause(cut);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();

    Waited<String> plain = new Waited<>(Waited.Outcome.INTERRUPTED, "A", Duration.ZERO, null, 1);
    assertThatThrownBy(plain::throwIfInterrupted).hasNoCause();

    for (Waited.Outcome o :
        List.of(Waited.Outcome.DONE, Waited.Outcome.TIME_UP, Waited.Outcome.POLL_FAILED)) {
      Waited<String> other = new Waited<>(o, "A", Duration.ZERO, null, 1);
      assertThat(other.throwIfInterrupted()).isSameAs(other);
      assertThat(other.done()).isEqualTo(o == Waited.Outcome.DONE);
    }
  }

  @Test
  void aSlowPollCountsAgainstTheWaitAndTheNextPauseStartsAfterIt() {
    int[] n = {0};
    Waited<String> w =
        waiter(
                () -> {
                  pollTimes.add(clock.nanoTime() - T0);
                  clock.advance(400 * MS); // each status request takes 400 ms
                  return ++n[0] == 3 ? "DONE" : "A";
                })
            .waitFor(unbounded(), Duration.ofSeconds(30));

    // 0 +400 +250 pause, 650 +400 +500 pause, 1550
    assertThat(millis(pollTimes)).containsExactly(0L, 650L, 1550L);
    assertThat(w.elapsed()).isEqualTo(Duration.ofMillis(1950));
  }

  @Test
  void aPollThatRunsPastTheEndEndsTheWaitWithoutAnotherSleep() {
    Waited<String> w =
        waiter(
                () -> {
                  clock.advance(2 * S);
                  return "A";
                })
            .waitFor(unbounded(), Duration.ofSeconds(1));

    assertThat(w.outcome()).isEqualTo(Waited.Outcome.TIME_UP);
    assertThat(w.polls()).isEqualTo(1);
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void worksAcrossTheWrapOfTheNanoClock() {
    FakeWaitClock wrapping = new FakeWaitClock(Long.MAX_VALUE - 500 * MS);
    List<Long> at = new ArrayList<>();
    int[] n = {0};
    Waited<String> w =
        Waiter.polling(
                () -> {
                  at.add(wrapping.nanoTime() - (Long.MAX_VALUE - 500 * MS));
                  return ++n[0] == 4 ? "DONE" : "A";
                })
            .until("DONE"::equals)
            .on(wrapping)
            .waitFor(
                new RecordingContext(
                    CallDeadline.at(wrapping.nanoTime() + 10 * S, Duration.ofSeconds(10))),
                Duration.ofSeconds(60));

    assertThat(w.done()).isTrue();
    assertThat(millis(at)).containsExactly(0L, 250L, 750L, 1750L);
  }

  @Test
  void withoutUntilTheFirstStateIsTheOneWaitedForAndStatesAreDescribedByThemselves() {
    Waited<String> w =
        Waiter.polling(() -> "anything").on(clock).waitFor(unbounded(), Duration.ofSeconds(5));
    assertThat(w.done()).isTrue();
    assertThat(w.polls()).isEqualTo(1);

    RecordingContext call = unbounded();
    waiter(states("A")).waitFor(call, Duration.ofSeconds(1));
    assertThat(call.progress.get(0).message()).startsWith("A (");
  }

  @Test
  void configuringReturnsANewWaiter() {
    Waiter<String> base = Waiter.polling(() -> "A");
    assertThat(base.until("A"::equals)).isNotSameAs(base);
    assertThat(base.from(Backoff.STATEMENT)).isNotSameAs(base);
    assertThat(base.on(clock)).isNotSameAs(base);
    assertThat(base.startingFrom("A")).isNotSameAs(base);
    assertThat(base.describedAs(s -> s)).isNotSameAs(base);
  }

  @Test
  void backoffDoublesUpToItsCapAndRejectsNonsense() {
    assertThat(Backoff.DEFAULT.first()).isEqualTo(Duration.ofMillis(250));
    assertThat(Backoff.DEFAULT.next(Duration.ofMillis(250))).isEqualTo(Duration.ofMillis(500));
    assertThat(Backoff.DEFAULT.next(Duration.ofMillis(1500))).isEqualTo(Duration.ofSeconds(3));
    assertThat(Backoff.DEFAULT.next(Duration.ofMillis(2000))).isEqualTo(Duration.ofSeconds(3));
    assertThat(Backoff.STATEMENT.next(Duration.ofMillis(1000))).isEqualTo(Duration.ofSeconds(2));
    Backoff flat = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(flat.next(flat.first())).isEqualTo(Duration.ofSeconds(1));

    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofMillis(-1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSystemClockIsTheDeadlinesClockAndItsSleepHonoursInterrupts() {
    long before = System.nanoTime();
    long now = WaitClock.SYSTEM.nanoTime();
    assertThat(now - before).isNotNegative();
    assertThat(System.nanoTime() - now).isNotNegative();

    Thread.currentThread().interrupt();
    assertThatThrownBy(() -> WaitClock.SYSTEM.sleep(Duration.ofHours(1).toNanos()))
        .isInstanceOf(InterruptedException.class);
  }
}
