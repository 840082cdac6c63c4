package dev.databricksmcp.server.tools.compute;

import com.databricks.sdk.core.DatabricksError;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cluster refused by its policy, said as a VALIDATION_ERROR on the argument that broke the rule.
 * Databricks refuses a create or edit that breaks the cluster's policy with 400
 * INVALID_PARAMETER_VALUE, every violation "Validation failed for PATH, WHY" joined by "; "
 * (databricks/terraform-provider-databricks#403: "Validation failed for driver_node_type_id, the
 * value must be i3.2xlarge (is \"i3.xlarge\")"); those words are kept, each with its attribute.
 */
final class PolicyViolations {
  private static final String FAILED = "Validation failed for ";

  private PolicyViolations() {}

  /**
   * The refusal as the tool says it, when {@code e} is one; the field is the tool's argument for
   * the first violated attribute ({@code autoscale.max_workers} is {@code max_workers}, {@code
   * custom_tags.X} is {@code custom_tags}), else {@code otherwise}.
   */
  static Optional<ToolException> of(
      DatabricksError e, String policy, Set<String> declared, String otherwise) {
    String message = String.valueOf(e.getMessage());
    if (!message.startsWith(FAILED)) {
      return Optional.empty();
    }
    List<Map<String, Object>> violations = new ArrayList<>();
    String field = null;
    for (String part : message.split("; ")) {
      if (!part.startsWith(FAILED)) {
        continue;
      }
      String rest = part.substring(FAILED.length());
      int comma = rest.indexOf(", ");
      String attribute = comma < 0 ? rest : rest.substring(0, comma);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("attribute", attribute);
      v.put("problem", comma < 0 ? part : rest.substring(comma + 2));
      violations.add(v);
      String argument = argumentFor(attribute);
      if (field == null && declared.contains(argument)) {
        field = argument;
      }
    }
    field = field == null ? otherwise : field;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("field", field);
    details.put("databricks_error_code", e.getErrorCode());
    details.put("policy", policy);
    details.put("violations", violations);
    return Optional.of(
        new ToolException(
            ErrorCode.VALIDATION_ERROR,
            field
                + ": cluster policy "
                + policy
                + " refuses this cluster: "
                + message
                + ". get_cluster_policy shows its rules; leave out what it fixes.",
            details));
  }

  private static String argumentFor(String attribute) {
    int dot = attribute.indexOf('.');
    String head = dot < 0 ? attribute : attribute.substring(0, dot);
    return head.equals("autoscale") ? attribute.substring(dot + 1) : head;
  }
}
