package dev.databricksmcp.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Calls and errors over the last minutes, for the status page, from the same counter /metrics
 * shows. The counter's totals are noted at the first call of each minute (before it is counted), so
 * a window of whole minutes is exact: now minus the totals at the start of its first minute with a
 * call. No thread: noting happens on a call's or a page view's thread.
 */
final class CallHistory {
  /** The longest window the page shows, in minutes. */
  static final int MINUTES = 15;

  private static final long MINUTE = 60_000_000_000L;

  /** Calls and errors, in all and by tool. */
  record Totals(double calls, double errors, Map<String, Double> errorsByTool) {
    static final Totals ZERO = new Totals(0, 0, Map.of());

    Totals minus(Totals earlier) {
      Map<String, Double> byTool = new HashMap<>(errorsByTool);
      earlier.errorsByTool.forEach((tool, n) -> byTool.merge(tool, -n, Double::sum));
      byTool.values().removeIf(n -> n <= 0);
      return new Totals(calls - earlier.calls, errors - earlier.errors, byTool);
    }
  }

  /** Calls since start, over the last 5 and 15 minutes, and the tools failing most lately. */
  record Summary(
      Totals sinceStart, Totals last5, Totals last15, List<Map.Entry<String, Double>> topFailing) {}

  private record Noted(long minute, Totals totals) {}

  private final Counter calls;
  private final LongSupplier nanoClock;
  private final long origin;
  private final Deque<Noted> noted = new ArrayDeque<>();

  /** The last minute noted: most calls read only this, without the lock. */
  private volatile long lastNoted = -1;

  CallHistory(Counter calls, LongSupplier nanoClock) {
    this.calls = calls;
    this.nanoClock = nanoClock;
    this.origin = nanoClock.getAsLong();
  }

  /** Notes the totals when this is the first event of a new minute. */
  void tick() {
    long minute = minuteNow();
    if (minute > lastNoted) {
      synchronized (this) {
        if (minute > lastNoted) {
          note(minute, totals());
        }
      }
    }
  }

  private void note(long minute, Totals totals) {
    noted.addLast(new Noted(minute, totals));
    while (noted.size() > MINUTES + 1) {
      noted.removeFirst();
    }
    lastNoted = minute;
  }

  synchronized Summary summary() {
    long minute = minuteNow();
    Totals now = totals();
    if (minute > lastNoted) {
      note(minute, now);
    }
    Totals last15 = now.minus(since(minute - (MINUTES - 1), now));
    List<Map.Entry<String, Double>> top =
        last15.errorsByTool().entrySet().stream()
            .sorted(
                Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(5)
            .map(e -> Map.entry(e.getKey(), e.getValue()))
            .toList();
    return new Summary(now, now.minus(since(minute - 4, now)), last15, top);
  }

  /**
   * The totals at the start of {@code minute}: those noted at its first call, or at the first
   * minute after it with one (no call came in between); {@code now} when none came since.
   */
  private Totals since(long minute, Totals now) {
    for (Noted n : noted) {
      if (n.minute() >= minute) {
        return n.totals();
      }
    }
    return now;
  }

  private long minuteNow() {
    return (nanoClock.getAsLong() - origin) / MINUTE;
  }

  private Totals totals() {
    double all = 0;
    double errors = 0;
    Map<String, Double> byTool = new HashMap<>();
    for (CounterSnapshot.CounterDataPointSnapshot p : calls.collect().getDataPoints()) {
      all += p.getValue();
      if ("error".equals(p.getLabels().get("outcome"))) {
        errors += p.getValue();
        byTool.merge(p.getLabels().get("tool"), p.getValue(), Double::sum);
      }
    }
    return new Totals(all, errors, byTool);
  }
}
