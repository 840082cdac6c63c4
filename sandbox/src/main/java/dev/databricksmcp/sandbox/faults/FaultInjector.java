package dev.databricksmcp.sandbox.faults;

import dev.databricksmcp.sandbox.state.SandboxState;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Faults for tests: per path pattern (a regex over the request path) and optional method, add
 * latency, answer 429 with Retry-After, 503, 500, or drop the connection — before the request is
 * carried out, or after (its answer lost); N times, or with a probability from a seeded generator
 * so runs repeat.
 */
public final class FaultInjector implements SandboxState {
  public enum Kind {
    LATENCY,
    RATE_LIMIT,
    UNAVAILABLE,
    INTERNAL_ERROR,
    DROP_CONNECTION,
    /** Carried out, then answered 503: a proxy that lost the answer. */
    UNAVAILABLE_AFTER_PROCESSING,
    /** Carried out, then the connection dropped before the answer. */
    DROP_AFTER_PROCESSING
  }

  /**
   * @param times how many matching requests to hit; negative for unlimited
   * @param probability chance of hitting a matching request (1.0 = always)
   * @param millis latency to add (LATENCY) or the Retry-After seconds × 1000 (RATE_LIMIT)
   */
  public record Rule(
      String method, Pattern path, Kind kind, int times, double probability, long millis) {
    public static Rule of(String pathRegex, Kind kind, int times) {
      return new Rule(
          null, Pattern.compile(pathRegex), kind, times, 1.0, kind == Kind.RATE_LIMIT ? 1000 : 0);
    }

    public static Rule latency(String pathRegex, long millis) {
      return new Rule(null, Pattern.compile(pathRegex), Kind.LATENCY, -1, 1.0, millis);
    }
  }

  private final List<Armed> rules = new CopyOnWriteArrayList<>();
  private final Random random;

  public FaultInjector(long seed) {
    this.random = new Random(seed);
  }

  public void add(Rule rule) {
    rules.add(new Armed(rule, new AtomicInteger(rule.times())));
  }

  public void clear() {
    rules.clear();
  }

  /** The fault to apply to this request, if any; consumes one of the rule's remaining hits. */
  public Optional<Rule> next(String method, String path) {
    for (Armed armed : rules) {
      Rule rule = armed.rule();
      if (rule.method() != null && !rule.method().equalsIgnoreCase(method)) {
        continue;
      }
      if (!rule.path().matcher(path).find()) {
        continue;
      }
      synchronized (random) {
        if (rule.probability() < 1.0 && random.nextDouble() >= rule.probability()) {
          continue;
        }
      }
      if (rule.times() >= 0 && armed.remaining().getAndDecrement() <= 0) {
        continue;
      }
      return Optional.of(rule);
    }
    return Optional.empty();
  }

  private record Armed(Rule rule, AtomicInteger remaining) {}
}
