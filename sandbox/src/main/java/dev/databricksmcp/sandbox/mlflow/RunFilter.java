package dev.databricksmcp.sandbox.mlflow;

import dev.databricksmcp.sandbox.mlflow.SearchFilter.Clause;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The runs a search filter keeps (https://mlflow.org/docs/latest/search-runs.html): metrics compare
 * numbers ({@code = != < <= > >=}, the run's latest value); params, tags and the string attributes
 * ({@code run_id}, {@code run_name}, {@code status}, {@code user_id}, {@code artifact_uri}) compare
 * quoted strings ({@code = != LIKE ILIKE}, and {@code IN} / {@code NOT IN} for {@code run_id} and
 * {@code run_name}); the time attributes ({@code start_time} or {@code created}, {@code end_time})
 * compare numbers. A run without the metric, param or tag named does not match, {@code !=}
 * included, as MLflow's SQL store joins on it.
 */
final class RunFilter implements Predicate<TrackedRun> {
  private static final Set<String> NUMERIC = Set.of("=", "!=", "<", "<=", ">", ">=");
  private static final Set<String> STRING = Set.of("=", "!=", "LIKE", "ILIKE");
  private static final Set<String> LISTED = Set.of("=", "!=", "LIKE", "ILIKE", "IN", "NOT IN");
  private static final Set<String> STRING_ATTRIBUTES =
      Set.of("run_id", "run_name", "status", "user_id", "artifact_uri");
  private static final Set<String> TIME_ATTRIBUTES = Set.of("start_time", "end_time");

  private final List<Clause> clauses;

  private RunFilter(List<Clause> clauses) {
    this.clauses = clauses;
  }

  /** Parses and checks a filter; INVALID_PARAMETER_VALUE on bad syntax or a bad comparison. */
  static RunFilter of(String filter) {
    List<Clause> clauses = SearchFilter.parse(filter).stream().map(RunFilter::normalised).toList();
    return new RunFilter(clauses);
  }

  /** The clause with its type spelled one way and its comparator and constant checked. */
  private static Clause normalised(Clause c) {
    String type = entityType(c.type());
    String key = c.key();
    Set<String> allowed;
    boolean numeric;
    switch (type) {
      case "metric" -> {
        allowed = NUMERIC;
        numeric = true;
      }
      case "param", "tag" -> {
        allowed = STRING;
        numeric = false;
      }
      default -> {
        key = attribute(key);
        numeric = TIME_ATTRIBUTES.contains(key);
        allowed =
            numeric ? NUMERIC : key.equals("run_id") || key.equals("run_name") ? LISTED : STRING;
      }
    }
    if (!allowed.contains(c.comparator())) {
      throw SearchFilter.invalid(
          "Invalid comparator '"
              + c.comparator()
              + "' not one of '"
              + allowed.stream().sorted().toList()
              + "'");
    }
    if (numeric && !c.value().isNumber()) {
      throw SearchFilter.invalid("Expected numeric value type for " + type + ". Found " + shown(c));
    }
    if (!numeric && c.value().isNumber()) {
      throw SearchFilter.invalid(
          "Expected a quoted string value for "
              + type
              + " (e.g. 'my-value'). Got value "
              + c.value().text());
    }
    return new Clause(type, key, c.comparator(), c.value());
  }

  private static String shown(Clause c) {
    return c.value().list() != null ? c.value().list().toString() : "'" + c.value().text() + "'";
  }

  private static String entityType(String written) {
    if (written == null) {
      throw SearchFilter.invalid(
          "Invalid identifier type. Expected one of ['metrics', 'params', 'tags', 'attributes']");
    }
    return switch (written) {
      case "metric", "metrics" -> "metric";
      case "param", "params", "parameter", "parameters" -> "param";
      case "tag", "tags" -> "tag";
      case "attribute", "attributes", "attr", "run" -> "attribute";
      default ->
          throw SearchFilter.invalid(
              "Invalid entity type '"
                  + written
                  + "'. Valid values are ['metric', 'parameter', 'tag', 'attribute']");
    };
  }

  /** An attribute's canonical name: MLflow accepts "run name", "Run Name", "created". */
  private static String attribute(String key) {
    String k = key.toLowerCase(Locale.ROOT).replace(' ', '_');
    if (k.equals("created")) {
      k = "start_time";
    }
    if (!STRING_ATTRIBUTES.contains(k) && !TIME_ATTRIBUTES.contains(k)) {
      throw SearchFilter.invalid(
          "Invalid attribute key '"
              + key
              + "' specified. Valid keys are "
              + List.of(
                  "run_id",
                  "run_name",
                  "status",
                  "user_id",
                  "artifact_uri",
                  "start_time",
                  "end_time"));
    }
    return k;
  }

  @Override
  public boolean test(TrackedRun run) {
    for (Clause c : clauses) {
      if (!matches(c, run)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(Clause c, TrackedRun run) {
    switch (c.type()) {
      case "metric":
        return run.metric(c.key()).map(v -> compare(v, c)).orElse(false);
      case "param":
        return text(run.params, c);
      case "tag":
        return text(run.tags, c);
      default:
        Object value = RunOrder.attribute(run, c.key());
        if (value == null) {
          return false;
        }
        if (value instanceof Long n) {
          return compare(n.doubleValue(), c);
        }
        return compareText(value.toString(), c);
    }
  }

  private static boolean text(Map<String, String> values, Clause c) {
    String v = values.get(c.key());
    return v != null && compareText(v, c);
  }

  private static boolean compare(double v, Clause c) {
    double k = Double.parseDouble(c.value().text());
    return switch (c.comparator()) {
      case "=" -> v == k;
      case "!=" -> v != k;
      case "<" -> v < k;
      case "<=" -> v <= k;
      case ">" -> v > k;
      default -> v >= k;
    };
  }

  private static boolean compareText(String v, Clause c) {
    return switch (c.comparator()) {
      case "=" -> v.equals(c.value().text());
      case "!=" -> !v.equals(c.value().text());
      case "LIKE" -> SearchFilter.like(v, c.value().text(), false);
      case "ILIKE" -> SearchFilter.like(v, c.value().text(), true);
      case "IN" -> c.value().list().contains(v);
      default -> !c.value().list().contains(v);
    };
  }
}
