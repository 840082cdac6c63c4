package dev.databricksmcp.server.tools.ml;

import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.ToolException;
import java.util.List;
import java.util.regex.Pattern;

/** The parameters of the serving tools, declared once. */
final class ServingParams {
  private ServingParams() {}

  /** An endpoint or served entity name: alphanumeric, dashes and underscores, 1 to 63. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");

  private static String servingName(String field, String value) {
    if (!NAME.matcher(value).matches()) {
      throw ToolException.validation(
          field,
          "'"
              + value
              + "' is not a serving name: letters, digits, dashes and underscores, at most 63");
    }
    return value;
  }

  static final Param<String> ENDPOINT =
      Param.string("name", "The serving endpoint's name, e.g. churn-scoring")
          .checkedBy(ServingParams::servingName)
          .required();

  /**
   * What to serve: a Unity Catalog model's full name (lower-cased, as Unity Catalog stores it) or a
   * foundation model's name.
   */
  static final Param<String> ENTITY =
      Param.string(
              "entity",
              "What to serve: a Unity Catalog model (catalog.schema.model, with version) or a"
                  + " foundation model name such as databricks-gte-large-en")
          .checkedBy(
              (field, value) ->
                  value.contains(".")
                      ? Names.fullName(field, value, 3)
                      : servingName(field, value));

  static final Param<String> VERSION =
      Param.string("version", "The Unity Catalog model version to serve, e.g. 2")
          .checkedBy(
              (field, value) -> {
                if (!value.matches("[1-9][0-9]{0,9}")) {
                  throw ToolException.validation(field, "must be a version number such as 2");
                }
                return value;
              });

  static final Param<String> WORKLOAD_SIZE =
      Param.choice(
              "workload_size",
              "Compute per served model: Small (4 concurrent requests), Medium (8-16), Large"
                  + " (16-64); default {default}",
              List.of("Small", "Medium", "Large"))
          .withDefault("Small");

  static final Param<Boolean> SCALE_TO_ZERO =
      Param.bool(
              "scale_to_zero",
              "Scale to zero when idle (cheaper; a cold start after); default {default}")
          .withDefault(true);

  static final Param<Integer> WAIT_SECONDS =
      Param.integer(
              "wait_seconds",
              "How long to wait for the endpoint to be READY or its update to fail ({min}-{max};"
                  + " 0: do not wait)")
          .range(0, 120)
          .withDefault(30);

  static final Param<String> SERVED_MODEL =
      Param.string(
              "served_model",
              "The served model (served entity) name, e.g. churn_model-2; default: the endpoint's"
                  + " only one")
          .checkedBy(ServingParams::servingName);

  static final Param<Integer> LINES =
      Param.integer(
              "lines", "How many of the last log lines to return ({min}-{max}; default {default})")
          .range(1, 1000)
          .withDefault(100);

  static final Param<java.util.Map<String, Object>> TRAFFIC =
      Param.object(
          "traffic",
          "Percent of requests per served model, adding up to 100, e.g. {\"churn_model-2\": 90,"
              + " \"churn_model-3\": 10}: the endpoint keeps its current served models and adds the"
              + " new one. Without it the new one replaces them all.");
}
