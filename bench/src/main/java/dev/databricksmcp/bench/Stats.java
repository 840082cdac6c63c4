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

  int n() {
    return sorted.size();
  }

  String medianWithSpread(String unit) {
    return medianWithSpread(unit, 1);
  }

  /** "median unit (min a, max b, n=k)", for a value measured once per run over several runs. */
  String medianWithSpread(String unit, int decimals) {
    String f = "%." + decimals + "f";
    return String.format(
        f + " %s (min " + f + ", max " + f + ", n=%d)", median(), unit, min(), max(), n());
  }

  /** "median (min–max)" without unit or n, for table cells. */
  String cell(int decimals) {
    String f = "%." + decimals + "f";
    return n() == 1
        ? String.format(f, median())
        : String.format(f + " (" + f + "–" + f + ")", median(), min(), max());
  }
}
