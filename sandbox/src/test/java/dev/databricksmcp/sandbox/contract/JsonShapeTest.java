package dev.databricksmcp.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The shape matcher the contract tests rely on finds each kind of mismatch it promises to. */
class JsonShapeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonShape SHAPE =
      JsonShape.of(
          "{\"name\": \"string\", \"size\": 0, \"ratio\": 0.5, \"on\": true,"
              + " \"kind\": \"A|B\", \"props\": {}, \"rows\": [[\"string?\"]],"
              + " \"items\": [{\"id\": \"string\"}], \"anything\": null}");

  @Test
  void aMatchingAnswerPasses() {
    assertThatCode(
            () ->
                SHAPE
                    .required("name", "items[].id")
                    .check(
                        json(
                            "{\"name\": \"n\", \"size\": 3, \"ratio\": 2, \"on\": false,"
                                + " \"kind\": \"B\", \"props\": {\"k\": \"v\"},"
                                + " \"rows\": [[\"a\", null]], \"items\": [{\"id\": \"1\"}],"
                                + " \"anything\": [1]}")))
        .doesNotThrowAnyException();
  }

  @Test
  void anUndocumentedFieldFails() {
    assertThatThrownBy(() -> SHAPE.check(json("{\"name\": \"n\", \"extra\": 1}")))
        .hasMessageContaining("$.extra: undocumented field");
  }

  @Test
  void aWrongTypeFails() {
    assertThatThrownBy(() -> SHAPE.check(json("{\"size\": \"3\"}")))
        .hasMessageContaining("$.size: expected an integer");
    assertThatThrownBy(() -> SHAPE.check(json("{\"size\": 1.5}")))
        .hasMessageContaining("$.size: expected an integer");
    assertThatThrownBy(() -> SHAPE.check(json("{\"on\": \"true\"}")))
        .hasMessageContaining("$.on: expected a boolean");
    assertThatThrownBy(() -> SHAPE.check(json("{\"items\": {\"id\": \"1\"}}")))
        .hasMessageContaining("$.items: expected an array");
  }

  @Test
  void nullFailsUnlessTheShapeAllowsIt() {
    assertThatThrownBy(() -> SHAPE.check(json("{\"name\": null}")))
        .hasMessageContaining("$.name: null, where Databricks omits an absent field");
    assertThatCode(() -> SHAPE.check(json("{\"rows\": [[null]]}"))).doesNotThrowAnyException();
  }

  @Test
  void aValueOutsideTheEnumFails() {
    assertThatThrownBy(() -> SHAPE.check(json("{\"kind\": \"C\"}")))
        .hasMessageContaining("'C' is none of the documented values A|B");
  }

  @Test
  void nestedElementsAreChecked() {
    assertThatThrownBy(() -> SHAPE.check(json("{\"items\": [{\"id\": \"1\"}, {\"id\": 2}]}")))
        .hasMessageContaining("$.items[1].id: expected a string");
  }

  @Test
  void aMissingRequiredFieldFails() {
    assertThatThrownBy(() -> SHAPE.required("name").check(json("{}")))
        .hasMessageContaining("$.name: required field missing");
    assertThatThrownBy(
            () -> SHAPE.required("items[].id").check(json("{\"items\": [{\"id\": \"1\"}, {}]}")))
        .hasMessageContaining("$.items[1].id: required field missing");
  }

  @Test
  void namedShapesAreReadFromResourcesAndReferenced() {
    JsonShape info = JsonShape.named("VolumeInfo");
    assertThatThrownBy(() -> info.check(json("{\"volume_type\": \"SOMETIMES\"}")))
        .hasMessageContaining("none of the documented values EXTERNAL|MANAGED");
    assertThatThrownBy(
            () ->
                JsonShape.of("{\"volumes\": [\"@VolumeInfo\"]}")
                    .check(json("{\"volumes\": [{\"invented\": 1}]}")))
        .hasMessageContaining("$.volumes[0].invented: undocumented field");
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
