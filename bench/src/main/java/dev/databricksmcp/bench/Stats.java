package dev.databricksmcp.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of a sample, and how to print them. */
record Stats(List<Double> sorted) {
  static Stats of(List<Double> values) {
    List<Double> copy = new ArrayList<>(values);
    Collections.sort(copy);
    return new Stats(copy);
  }

  double p(double percentile) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  double median() {
    return p(50);
  }

  double min() {
    return sorted.isEmpty() ? Double.NaN : sorted.get(0);
  }

  double max() {
    return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
  }

  String medianWithSpread(String unit) {
    return String.format("%.1f %s (min %.1f, max %.1f, n=%d)", median(), unit, min(), max(), sorted.size());
  }
}
