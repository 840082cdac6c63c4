package dev.databricksmcp.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.error.ApiErrors;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One answer of the sandbox as it came off the wire: status, content type and the raw body, with
 * the assertions every contract test makes on it.
 */
record Reply(
    String method,
    String url,
    int status,
    String contentType,
    Map<String, List<String>> headers,
    String body) {
  private static final ObjectMapper PLAIN = new ObjectMapper();

  /** The fields of Databricks' error object (https://docs.databricks.com/api/account/errors). */
  private static final Set<String> ERROR_FIELDS = Set.of("error_code", "message", "details");

  /** The body parsed as JSON; fails the test when it is not JSON. */
  JsonNode json() {
    try {
      return PLAIN.readTree(body);
    } catch (IOException e) {
      throw new AssertionError(
          method + " " + url + " answered " + status + " with a body that is not JSON: " + body);
    }
  }

  /** Asserts 200 with a JSON body and returns the body. */
  JsonNode ok() {
    assertThat(status).as(describe("status")).isEqualTo(200);
    assertThat(contentType).as(describe("content type")).startsWith("application/json");
    return json();
  }

  /** Asserts 200 with {@code {}}: the documented answer of operations that return nothing. */
  void okEmpty() {
    assertThat(ok().isObject() && ok().isEmpty()).as(describe("an empty JSON object")).isTrue();
  }

  /**
   * Asserts Databricks' error object: the status, a string {@code error_code}, a non-blank {@code
   * message}, no other field than an optional {@code details} array, and that the Databricks SDK
   * turns these very bytes into {@code sdkClass} (its ErrorMapper: the error code's rule first, the
   * status's after).
   */
  void isError(int expectedStatus, String errorCode, Class<? extends DatabricksError> sdkClass) {
    assertThat(status).as(describe("status")).isEqualTo(expectedStatus);
    assertThat(contentType).as(describe("content type")).startsWith("application/json");
    JsonNode json = json();
    assertThat(json.isObject()).as(describe("an error object")).isTrue();
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      assertThat(ERROR_FIELDS).as(describe("documented error fields")).contains(name);
    }
    assertThat(json.path("error_code").isTextual()).as(describe("error_code is a string")).isTrue();
    assertThat(json.path("error_code").asText()).as(describe("error_code")).isEqualTo(errorCode);
    assertThat(json.path("message").isTextual() && !json.path("message").asText().isBlank())
        .as(describe("a non-blank message"))
        .isTrue();
    if (json.has("details")) {
      assertThat(json.get("details").isArray()).as(describe("details is an array")).isTrue();
    }
    DatabricksError mapped = sdkError();
    assertThat(mapped).as(describe("the SDK's exception")).isExactlyInstanceOf(sdkClass);
    assertThat(mapped.getErrorCode()).isEqualTo(errorCode);
    assertThat(mapped.getStatusCode()).isEqualTo(expectedStatus);
  }

  /**
   * Where the documentation says a request is refused but not with which code: a 4xx with
   * Databricks' error object, which the SDK raises as one of its errors.
   */
  void isClientError() {
    assertThat(status).as(describe("a 4xx status")).isBetween(400, 499);
    JsonNode json = json();
    assertThat(json.path("error_code").isTextual()).as(describe("error_code is a string")).isTrue();
    assertThat(json.path("message").asText()).as(describe("a message")).isNotBlank();
    assertThat(sdkError()).as(describe("the SDK's exception")).isNotNull();
  }

  /** A response header's first value, by case-insensitive name, or null. */
  String header(String name) {
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
        return h.getValue().get(0);
      }
    }
    return null;
  }

  /**
   * Where the documentation gives HTTP 404 but no error code: the status, Databricks' error object,
   * and an exception of the SDK's NotFound family.
   */
  void isNotFound() {
    isClientError();
    assertThat(status).as(describe("status")).isEqualTo(404);
    assertThat(sdkError()).as(describe("the SDK's exception")).isInstanceOf(NotFound.class);
  }

  /** What the Databricks SDK makes of this answer when it is an error. */
  DatabricksError sdkError() {
    if (status < 400) {
      fail(describe("an error status, got " + status));
    }
    Response response =
        new Response(
            new Request(method, url),
            status,
            "HTTP " + status,
            Map.of("Content-Type", List.of(contentType == null ? "" : contentType)),
            body);
    return ApiErrors.getDatabricksError(response);
  }

  String describe(String what) {
    return method + " " + url + " -> " + status + " " + abbreviated() + ": " + what;
  }

  private String abbreviated() {
    return body.length() > 400 ? body.substring(0, 400) + "…" : body;
  }
}
