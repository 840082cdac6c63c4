package dev.databricksmcp.sandbox.genie;

import com.databricks.sdk.service.dashboards.GenieSpace;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.Json;
import java.util.List;

/**
 * A Genie space as the sandbox holds it: what the Genie UI configures (tables, text instructions,
 * example questions with their SQL) and what the API shows of it.
 *
 * @param examples the example questions; the sandbox's stand-in for Genie's model answers a
 *     question with the SQL of the example it matches ({@link QuestionMatcher})
 */
public record GenieSpaceSpec(
    String spaceId,
    String title,
    String description,
    String warehouseId,
    long createdAtMillis,
    List<String> tables,
    List<String> instructions,
    List<Example> examples) {

  /** An example question and the SQL that answers it. */
  public record Example(String question, String sql) {}

  /** The space as list and get answer it; {@code serialized}: with its serialized_space. */
  GenieSpace toApi(boolean serialized) {
    GenieSpace out =
        new GenieSpace()
            .setSpaceId(spaceId)
            .setTitle(title)
            .setDescription(description)
            .setWarehouseId(warehouseId);
    if (serialized) {
      out.setSerializedSpace(serializedSpace());
    }
    return out;
  }

  /**
   * The export format of a space (include_serialized_space=true): version, config.sample_questions,
   * data_sources.tables[].identifier, instructions.text_instructions and
   * instructions.example_question_sqls, with text held as arrays of lines as the export writes it.
   */
  String serializedSpace() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("version", 1);
    ArrayNode samples = root.putObject("config").putArray("sample_questions");
    for (int i = 0; i < examples.size(); i++) {
      ObjectNode q = samples.addObject();
      q.put("id", id("q", i));
      q.putArray("question").add(examples.get(i).question());
    }
    ArrayNode tableNodes = root.putObject("data_sources").putArray("tables");
    tables.forEach(t -> tableNodes.addObject().put("identifier", t));
    ObjectNode instr = root.putObject("instructions");
    ArrayNode text = instr.putArray("text_instructions");
    for (int i = 0; i < instructions.size(); i++) {
      ObjectNode t = text.addObject();
      t.put("id", id("t", i));
      t.putArray("content").add(instructions.get(i));
    }
    ArrayNode sqls = instr.putArray("example_question_sqls");
    for (int i = 0; i < examples.size(); i++) {
      ObjectNode e = sqls.addObject();
      e.put("id", id("e", i));
      e.putArray("question").add(examples.get(i).question());
      e.putArray("sql").add(examples.get(i).sql());
    }
    return root.toString();
  }

  private String id(String kind, int index) {
    return String.format("%s%s%030d", spaceId.substring(0, 1), kind, index);
  }
}
