package dev.databricksmcp.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Latencies of several ways to do a call, measured in rounds: each round makes every call once, in
 * a shuffled order, so that whatever else the machine does (GC, a compiler thread, the sandbox)
 * falls on all of them alike and differences between them are the calls' own.
 */
final class Interleaved {
  interface Call {
    void run() throws Exception;
  }

  private final Map<String, Call> calls = new LinkedHashMap<>();

  Interleaved add(String name, Call call) {
    calls.put(name, call);
    return this;
  }

  /**
   * Runs {@code warmup} unmeasured rounds, then {@code rounds} measured ones; latencies in ms per
   * call.
   */
  Map<String, Stats> run(int warmup, int rounds) throws Exception {
    List<String> names = new ArrayList<>(calls.keySet());
    Map<String, List<Double>> samples = new LinkedHashMap<>();
    names.forEach(n -> samples.put(n, new ArrayList<>(rounds)));
    Random random = new Random(42);
    for (int round = -warmup; round < rounds; round++) {
      Collections.shuffle(names, random);
      for (String name : names) {
        long start = System.nanoTime();
        calls.get(name).run();
        long nanos = System.nanoTime() - start;
        if (round >= 0) {
          samples.get(name).add(nanos / 1e6);
        }
      }
    }
    Map<String, Stats> out = new LinkedHashMap<>();
    calls.keySet().forEach(n -> out.put(n, Stats.of(samples.get(n))));
    return out;
  }
}
