package dev.databricksmcp.sandbox.jobs;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dynamic value references in task parameters ({@code {{job.parameters.name}}}, {@code {{job.id}}},
 * {@code {{job.run_id}}}, {@code {{job.name}}}, {@code {{task.name}}}, {@code {{task.run_id}}},
 * {@code {{tasks.<key>.run_id}}}, {@code {{tasks.<key>.result_state}}}): replaced by their values;
 * a reference the run does not know is left as written.
 */
final class DynamicValues {
  private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.\\-]+)\\s*}}");

  private DynamicValues() {}

  /**
   * @param known every reference this task can resolve, by its dotted name
   */
  static String resolve(String text, Map<String, String> known) {
    if (text == null || !text.contains("{{")) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = known.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
