package dev.databricksmcp.sandbox.mlflow;

import com.databricks.sdk.service.ml.Experiment;
import com.databricks.sdk.service.ml.ExperimentTag;
import dev.databricksmcp.sandbox.mlflow.SearchFilter.Clause;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filter and order of search-experiments.md: {@code name} (or {@code attributes.name}) and
 * {@code tags.<key>} compare strings ({@code = != LIKE ILIKE}), {@code creation_time} and {@code
 * last_update_time} numbers (https://mlflow.org/docs/latest/search-experiments); order by name,
 * last_update_time, creation_time or experiment_id, ties by experiment id DESC.
 */
final class ExperimentSearch {
  private static final Set<String> NUMERIC = Set.of("=", "!=", "<", "<=", ">", ">=");
  private static final Set<String> STRING = Set.of("=", "!=", "LIKE", "ILIKE");
  private static final Pattern ORDER =
      Pattern.compile(
          "\\s*(?:(?:attributes?|attr)\\.)?(name|last_update_time|creation_time|experiment_id)"
              + "(?:\\s+(ASC|DESC))?\\s*",
          Pattern.CASE_INSENSITIVE);

  private ExperimentSearch() {}

  static Predicate<Experiment> filter(String filter) {
    List<Clause> clauses = new ArrayList<>();
    for (Clause c : SearchFilter.parse(filter)) {
      clauses.add(checked(c));
    }
    return e -> clauses.stream().allMatch(c -> matches(c, e));
  }

  private static Clause checked(Clause c) {
    String type = c.type() == null ? "attribute" : c.type();
    String key = c.key().toLowerCase(Locale.ROOT);
    boolean numeric;
    switch (type) {
      case "tag", "tags" -> {
        type = "tag";
        key = c.key();
        numeric = false;
      }
      case "attribute", "attributes", "attr" -> {
        type = "attribute";
        if (!List.of("name", "creation_time", "last_update_time").contains(key)) {
          throw SearchFilter.invalid(
              "Invalid attribute key '"
                  + c.key()
                  + "' specified. Valid keys are ['name', 'creation_time', 'last_update_time']");
        }
        numeric = !key.equals("name");
      }
      default ->
          throw SearchFilter.invalid(
              "Invalid entity type '" + c.type() + "'. Valid values are ['attribute', 'tag']");
    }
    Set<String> allowed = numeric ? NUMERIC : STRING;
    if (!allowed.contains(c.comparator())) {
      throw SearchFilter.invalid(
          "Invalid comparator '"
              + c.comparator()
              + "' not one of '"
              + allowed.stream().sorted().toList()
              + "'");
    }
    if (numeric != c.value().isNumber()) {
      throw SearchFilter.invalid(
          numeric
              ? "Expected numeric value type for " + key + ". Found '" + c.value().text() + "'"
              : "Expected a quoted string value for "
                  + type
                  + " (e.g. 'my-value'). Got value "
                  + c.value().text());
    }
    return new Clause(type, key, c.comparator(), c.value());
  }

  private static boolean matches(Clause c, Experiment e) {
    if (c.type().equals("tag")) {
      String v = null;
      for (ExperimentTag t : e.getTags() == null ? List.<ExperimentTag>of() : e.getTags()) {
        if (t.getKey().equals(c.key())) {
          v = t.getValue();
        }
      }
      return v != null && text(v, c);
    }
    return switch (c.key()) {
      case "name" -> text(e.getName(), c);
      case "creation_time" -> number(e.getCreationTime(), c);
      default -> number(e.getLastUpdateTime(), c);
    };
  }

  private static boolean text(String v, Clause c) {
    String k = c.value().text();
    return switch (c.comparator()) {
      case "=" -> v.equals(k);
      case "!=" -> !v.equals(k);
      case "LIKE" -> SearchFilter.like(v, k, false);
      default -> SearchFilter.like(v, k, true);
    };
  }

  private static boolean number(Long v, Clause c) {
    if (v == null) {
      return false;
    }
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

  static Comparator<Experiment> order(List<String> orderBy) {
    Comparator<Experiment> order = (a, b) -> 0;
    for (String clause : orderBy == null ? List.<String>of() : orderBy) {
      Matcher m = ORDER.matcher(clause == null ? "" : clause);
      if (!m.matches()) {
        throw SearchFilter.invalid(
            "Invalid order_by clause '" + clause + "'. Could not be parsed.");
      }
      Comparator<Experiment> key =
          switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "name" -> Comparator.comparing(Experiment::getName);
            case "last_update_time" -> Comparator.comparing(Experiment::getLastUpdateTime);
            case "creation_time" -> Comparator.comparing(Experiment::getCreationTime);
            default -> Comparator.comparing(e -> Long.parseLong(e.getExperimentId()));
          };
      order = order.thenComparing("DESC".equalsIgnoreCase(m.group(2)) ? key.reversed() : key);
    }
    return order.thenComparing(
        Comparator.comparing((Experiment e) -> Long.parseLong(e.getExperimentId())).reversed());
  }
}
