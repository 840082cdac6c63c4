package dev.databricksmcp.sandbox.mlflow;

import com.databricks.sdk.service.ml.RunInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order of searched runs (search-runs.md, {@code order_by}): keys such as {@code metrics.auc
 * DESC}, {@code params.alpha}, {@code attributes.start_time ASC} (ASC is the default), in turn; a
 * run without the key comes after those with it whichever the direction (MLflow's SQL store sorts
 * missing values last); ties, and no {@code order_by} at all, by start_time DESC then run_id.
 */
final class RunOrder {
  private static final Pattern KEY =
      Pattern.compile(
          "\\s*(metrics?|params?|parameters?|tags?|attributes?|attr|run)\\.(`[^`]+`|\"[^\"]+\"|\\S+)"
              + "(?:\\s+(ASC|DESC))?\\s*",
          Pattern.CASE_INSENSITIVE);

  private static final Comparator<TrackedRun> TIEBREAK =
      Comparator.comparing((TrackedRun r) -> r.info.getStartTime(), Comparator.reverseOrder())
          .thenComparing(r -> r.info.getRunId());

  private RunOrder() {}

  /** The comparator for these order_by clauses; INVALID_PARAMETER_VALUE for one it cannot read. */
  static Comparator<TrackedRun> of(List<String> orderBy) {
    List<Comparator<TrackedRun>> keys = new ArrayList<>();
    for (String clause : orderBy == null ? List.<String>of() : orderBy) {
      Matcher m = KEY.matcher(clause == null ? "" : clause);
      if (!m.matches()) {
        throw SearchFilter.invalid(
            "Invalid order_by clause '" + clause + "'. Could not be parsed.");
      }
      String type = m.group(1).toLowerCase(Locale.ROOT);
      String key = unquote(m.group(2));
      boolean descending = "DESC".equalsIgnoreCase(m.group(3));
      keys.add(key(type, key, descending, clause));
    }
    Comparator<TrackedRun> order = (a, b) -> 0;
    for (Comparator<TrackedRun> k : keys) {
      order = order.thenComparing(k);
    }
    return order.thenComparing(TIEBREAK);
  }

  private static Comparator<TrackedRun> key(
      String type, String key, boolean descending, String clause) {
    Function<TrackedRun, Comparable<?>> value;
    if (type.startsWith("metric")) {
      value = r -> r.metric(key).orElse(null);
    } else if (type.startsWith("param")) {
      value = r -> r.params.get(key);
    } else if (type.startsWith("tag")) {
      value = r -> r.tags.get(key);
    } else {
      String attribute = key.toLowerCase(Locale.ROOT).replace(' ', '_');
      if (!List.of(
              "run_id",
              "run_name",
              "status",
              "user_id",
              "artifact_uri",
              "start_time",
              "end_time",
              "created")
          .contains(attribute)) {
        throw SearchFilter.invalid(
            "Invalid order_by clause '" + clause + "'. Invalid attribute key '" + key + "'.");
      }
      value = r -> attribute(r, attribute.equals("created") ? "start_time" : attribute);
    }
    return (a, b) -> {
      @SuppressWarnings({"unchecked", "rawtypes"})
      Comparable<Object> x = (Comparable) value.apply(a);
      @SuppressWarnings({"unchecked", "rawtypes"})
      Comparable<Object> y = (Comparable) value.apply(b);
      if (x == null || y == null) {
        return x == y ? 0 : x == null ? 1 : -1;
      }
      int c = x.compareTo(y);
      return descending ? -c : c;
    };
  }

  /** A run attribute by its canonical name: a Long for times, a String otherwise. */
  static Comparable<?> attribute(TrackedRun run, String name) {
    RunInfo i = run.info;
    return switch (name) {
      case "run_id" -> i.getRunId();
      case "run_name" -> i.getRunName();
      case "status" -> i.getStatus() == null ? null : i.getStatus().name();
      case "user_id" -> i.getUserId();
      case "artifact_uri" -> i.getArtifactUri();
      case "start_time" -> i.getStartTime();
      case "end_time" -> i.getEndTime();
      default -> null;
    };
  }

  private static String unquote(String key) {
    if (key.length() >= 2
        && (key.charAt(0) == '`' || key.charAt(0) == '"')
        && key.charAt(key.length() - 1) == key.charAt(0)) {
      return key.substring(1, key.length() - 1);
    }
    return key;
  }
}
