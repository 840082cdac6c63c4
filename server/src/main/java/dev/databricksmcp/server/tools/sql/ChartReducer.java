package dev.databricksmcp.server.tools.sql;

import dev.databricksmcp.server.tools.sql.ChartRenderer.ChartData;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns rows into the points a chart can show without overplotting: bars summed per category (at
 * most {@link ChartTools#MAX_BARS}, the rest as one "other" bar), lines averaged into buckets,
 * scatters sampled evenly, histograms binned. Each says how it reduced the rows, for the message.
 */
final class ChartReducer {
  private ChartReducer() {}

  static ChartData bars(
      String title, String xName, String yName, List<List<Object>> rows, int x, int y) {
    Map<String, Double> sums = new LinkedHashMap<>();
    int used = 0;
    for (List<Object> row : rows) {
      if (row.get(y) instanceof Number n) {
        sums.merge(String.valueOf(row.get(x)), n.doubleValue(), Double::sum);
        used++;
      }
    }
    List<String> notes = new ArrayList<>();
    if (sums.size() < used) {
      notes.add("Summed " + yName + " per " + xName + " (" + used + " rows)");
    }
    List<Map.Entry<String, Double>> entries = new ArrayList<>(sums.entrySet());
    if (entries.size() > ChartTools.MAX_BARS) {
      List<Map.Entry<String, Double>> largest = new ArrayList<>(entries);
      largest.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
      List<Map.Entry<String, Double>> kept = largest.subList(0, ChartTools.MAX_BARS - 1);
      double rest = 0;
      for (Map.Entry<String, Double> e : largest.subList(ChartTools.MAX_BARS - 1, largest.size())) {
        rest += e.getValue();
      }
      int others = largest.size() - kept.size();
      entries = new ArrayList<>(entries.stream().filter(kept::contains).toList());
      entries.add(Map.entry("(" + others + " others)", rest));
      notes.add(
          "Kept the "
              + kept.size()
              + " largest of "
              + largest.size()
              + " categories; the other "
              + others
              + " are summed in one bar");
    }
    List<List<Object>> points = new ArrayList<>();
    for (Map.Entry<String, Double> e : entries) {
      points.add(List.of(e.getKey(), number(e.getValue())));
    }
    return new ChartData("bar", title, xName, yName, points, joined(notes), false);
  }

  static ChartData line(
      String title,
      String xName,
      String yName,
      List<List<Object>> rows,
      int x,
      int y,
      int maxPoints,
      boolean time) {
    List<double[]> xy = pairs(rows, x, y, time);
    xy.sort(Comparator.comparingDouble(p -> p[0]));
    String reduced = null;
    if (xy.size() > maxPoints) {
      int per = (int) Math.ceil(xy.size() / (double) maxPoints);
      List<double[]> buckets = new ArrayList<>();
      for (int i = 0; i < xy.size(); i += per) {
        List<double[]> bucket = xy.subList(i, Math.min(xy.size(), i + per));
        double sx = 0;
        double sy = 0;
        for (double[] p : bucket) {
          sx += p[0];
          sy += p[1];
        }
        buckets.add(new double[] {sx / bucket.size(), sy / bucket.size()});
      }
      reduced =
          "Averaged "
              + xy.size()
              + " points into "
              + buckets.size()
              + " buckets of up to "
              + per
              + " consecutive points";
      xy = buckets;
    }
    return new ChartData("line", title, xName, yName, points(xy), reduced, time);
  }

  static ChartData scatter(
      String title,
      String xName,
      String yName,
      List<List<Object>> rows,
      int x,
      int y,
      int maxPoints,
      boolean time) {
    List<double[]> xy = pairs(rows, x, y, time);
    String reduced = null;
    if (xy.size() > maxPoints) {
      int every = (int) Math.ceil(xy.size() / (double) maxPoints);
      List<double[]> sample = new ArrayList<>();
      for (int i = 0; i < xy.size(); i += every) {
        sample.add(xy.get(i));
      }
      reduced =
          "Sampled every " + every + "th of " + xy.size() + " points (" + sample.size() + " drawn)";
      xy = sample;
    }
    return new ChartData("scatter", title, xName, yName, points(xy), reduced, time);
  }

  static ChartData histogram(String title, String name, List<Double> values) {
    List<List<Object>> points = new ArrayList<>();
    if (!values.isEmpty()) {
      double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
      double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
      int bins = (int) Math.max(5, Math.min(30, Math.ceil(Math.sqrt(values.size()))));
      double width = max > min ? (max - min) / bins : 1;
      long[] counts = new long[bins];
      for (double v : values) {
        counts[Math.min(bins - 1, (int) ((v - min) / width))]++;
      }
      for (int i = 0; i < bins; i++) {
        points.add(List.of(number(min + i * width), number(min + (i + 1) * width), counts[i]));
      }
    }
    return new ChartData(
        "histogram",
        title,
        name,
        "rows",
        points,
        "Binned " + values.size() + " values into " + points.size() + " equal bins",
        false);
  }

  /** [x, y] of each row whose x and y are both known; dates and times as epoch milliseconds. */
  private static List<double[]> pairs(List<List<Object>> rows, int x, int y, boolean time) {
    List<double[]> out = new ArrayList<>();
    for (List<Object> row : rows) {
      Double xv = time ? epochMillis(row.get(x)) : asDouble(row.get(x));
      if (xv != null && row.get(y) instanceof Number n) {
        out.add(new double[] {xv, n.doubleValue()});
      }
    }
    return out;
  }

  private static Double asDouble(Object v) {
    return v instanceof Number n ? n.doubleValue() : null;
  }

  /** A Databricks date or timestamp as rendered in JSON_ARRAY results, read as UTC. */
  static Double epochMillis(Object v) {
    if (v == null) {
      return null;
    }
    String s = String.valueOf(v).trim().replace(' ', 'T');
    try {
      return (double) OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (RuntimeException notOffset) {
      try {
        return (double) LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (RuntimeException notLocal) {
        try {
          return (double)
              LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (RuntimeException notDate) {
          return null;
        }
      }
    }
  }

  private static List<List<Object>> points(List<double[]> xy) {
    List<List<Object>> out = new ArrayList<>();
    for (double[] p : xy) {
      out.add(List.of(number(p[0]), number(p[1])));
    }
    return out;
  }

  /** Whole numbers as longs, so counts read as 12, not 12.0. */
  private static Object number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
  }

  private static String joined(List<String> notes) {
    return notes.isEmpty() ? null : String.join("; ", notes);
  }
}
