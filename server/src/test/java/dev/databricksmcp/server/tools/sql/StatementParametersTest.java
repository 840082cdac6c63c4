package dev.databricksmcp.server.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.service.sql.StatementParameterListItem;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** execute_sql's parameters, in the Statement Execution API's list shape, checked item by item. */
class StatementParametersTest {
  private static List<StatementParameterListItem> of(Object parameters) {
    Map<String, Object> args = new HashMap<>();
    args.put("parameters", parameters);
    return StatementParameters.of(new Args(args));
  }

  private static Map<String, Object> item(Object... keysAndValues) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static void refused(Object parameters, String field, String words) {
    assertThatThrownBy(() -> of(parameters))
        .isInstanceOfSatisfying(
            ToolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
              assertThat(e.getMessage()).startsWith(field + ":").contains(words);
            });
  }

  @Test
  void noneGivenIsNoParameters() {
    assertThat(StatementParameters.of(new Args(Map.of()))).isEmpty();
  }

  @Test
  void stringsPassAsTheyAreWithTheirTypeUpperCased() {
    List<StatementParameterListItem> p =
        of(List.of(item("name", "min_fare", "value", "10", "type", " double "), item("name", "d")));
    assertThat(p).hasSize(2);
    assertThat(p.get(0).getName()).isEqualTo("min_fare");
    assertThat(p.get(0).getValue()).isEqualTo("10");
    assertThat(p.get(0).getType()).isEqualTo("DOUBLE");
    assertThat(p.get(1).getValue()).as("no value is NULL").isNull();
    assertThat(p.get(1).getType()).as("no type is the API's default, STRING").isNull();
  }

  @Test
  void numbersAndBooleansAreTakenAsTheirTextAndTypedWhenNoTypeIsGiven() {
    List<StatementParameterListItem> p =
        of(
            List.of(
                item("name", "a", "value", 7),
                item("name", "b", "value", 7L),
                item("name", "c", "value", 2.5),
                item("name", "d", "value", true),
                item("name", "e", "value", 3, "type", "INT"),
                item("name", "f", "value", 1e-7)));
    assertThat(p)
        .extracting(StatementParameterListItem::getValue)
        .containsExactly("7", "7", "2.5", "true", "3", "0.00000010");
    assertThat(p)
        .extracting(StatementParameterListItem::getType)
        .containsExactly("BIGINT", "BIGINT", "DOUBLE", "BOOLEAN", "INT", "DOUBLE");
  }

  @Test
  void typesWithPrecisionAreAcceptedAndBlankTypesAreNone() {
    assertThat(of(List.of(item("name", "x", "type", "decimal(10, 2)"))).get(0).getType())
        .isEqualTo("DECIMAL(10, 2)");
    assertThat(of(List.of(item("name", "x", "type", "  "))).get(0).getType()).isNull();
  }

  @Test
  void badShapesAreRefusedNamingTheItem() {
    refused(Map.of("a", 1), "parameters", "must be a list");
    refused(List.of("a"), "parameters[0]", "must be an object");
    refused(List.of(item("name", "a", "valeu", "1")), "parameters[0].valeu", "not a key");
    refused(List.of(item("value", "1")), "parameters[0].name", "is required");
    refused(List.of(item("name", "1a")), "parameters[0].name", "not a valid parameter name");
    refused(List.of(item("name", "a b")), "parameters[0].name", "not a valid parameter name");
    refused(List.of(item("name", 5)), "parameters[0].name", "not a valid parameter name");
    refused(List.of(item("name", "a"), item("name", "A")), "parameters[1].name", "is given twice");
    refused(List.of(item("name", "a", "value", List.of(1))), "parameters[0].value", "string");
    refused(List.of(item("name", "a", "type", 5)), "parameters[0].type", "SQL type name");
    refused(List.of(item("name", "a", "type", "INT; DROP")), "parameters[0].type", "SQL type");
    refused(List.of(item("name", "a", "type", "array<int>")), "parameters[0].type", "SQL type");
    refused(List.of(item("name", "a", "type", "STRUCT")), "parameters[0].type", "not a parameter");
    refused(List.of(item("name", "a", "type", "map")), "parameters[0].type", "not a parameter");
  }

  @Test
  void theSchemaIsAListOfDeclaredObjectsStrictClientsAccept() {
    Map<String, Object> schema = StatementParameters.schema();
    assertThat(schema).containsEntry("type", "array");
    @SuppressWarnings("unchecked")
    Map<String, Object> item = (Map<String, Object>) schema.get("items");
    assertThat(item)
        .containsEntry("type", "object")
        .containsEntry("additionalProperties", false)
        .containsEntry("required", List.of("name"));
    @SuppressWarnings("unchecked")
    Map<String, Object> properties = (Map<String, Object>) item.get("properties");
    assertThat(properties).containsOnlyKeys("name", "value", "type");
    // each is a described string: the model is told what to put there, and sends text
    for (String key : List.of("name", "value", "type")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> property = (Map<String, Object>) properties.get(key);
      assertThat(property).as(key).containsEntry("type", "string");
      assertThat((String) property.get("description")).as(key).isNotBlank();
    }
    assertThat((String) ((Map<?, ?>) properties.get("name")).get("description"))
        .contains(":min_fare is min_fare");
  }
}
