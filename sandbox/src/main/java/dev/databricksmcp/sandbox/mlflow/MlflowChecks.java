package dev.databricksmcp.sandbox.mlflow;

import dev.databricksmcp.sandbox.http.ApiException;

/**
 * The limits the MLflow REST API documents for what a run logs (mlflow.org/docs/latest/rest-api:
 * keys up to 250 characters, param values up to 6000, tag values up to 5000; "Log Batch" at most
 * 1000 metrics, 100 params, 100 tags), with messages shaped like MLflow's validation.
 */
final class MlflowChecks {
  static final int MAX_KEY = 250;
  static final int MAX_PARAM_VALUE = 6000;
  static final int MAX_TAG_VALUE = 5000;

  private MlflowChecks() {}

  static String key(String key) {
    if (key == null || key.isEmpty()) {
      throw ApiException.invalid("Missing value for required parameter 'key'.");
    }
    if (key.length() > MAX_KEY) {
      throw ApiException.invalid("'key' exceeds the maximum length of " + MAX_KEY + " characters");
    }
    return key;
  }

  static String value(String value, int max, String what) {
    if (value == null) {
      throw ApiException.invalid("Missing value for required parameter 'value'.");
    }
    if (value.length() > max) {
      throw ApiException.invalid(
          "'value' of " + what + " exceeds the maximum length of " + max + " characters");
    }
    return value;
  }

  static void atMost(int count, int max, String what) {
    if (count > max) {
      throw ApiException.invalid(
          "A batch logging request can contain at most "
              + max
              + " "
              + what
              + ". Got "
              + count
              + " "
              + what
              + ".");
    }
  }
}
