package dev.databricksmcp.server.mcp;

import io.modelcontextprotocol.util.McpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * URI templates as RFC 6570 reads the two forms we use: {@code {name}} matches one path segment and
 * {@code {+name}} (reserved expansion) the rest of a path, slashes included. The MCP SDK's own
 * matcher knows only the first, so a workspace path could never match.
 */
final class UriTemplates implements McpUriTemplateManagerFactory {
  static final UriTemplates INSTANCE = new UriTemplates();
  private static final Pattern VARIABLE = Pattern.compile("\\{(\\+?)([A-Za-z0-9_]+)}");

  private UriTemplates() {}

  @Override
  public McpUriTemplateManager create(String template) {
    List<String> names = new ArrayList<>();
    StringBuilder regex = new StringBuilder("^");
    Matcher m = VARIABLE.matcher(template);
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(at, m.start())));
      regex.append(m.group(1).isEmpty() ? "([^/]+)" : "(.+)");
      names.add(m.group(2));
      at = m.end();
    }
    regex.append(Pattern.quote(template.substring(at))).append("$");
    Pattern pattern = Pattern.compile(regex.toString());
    return new McpUriTemplateManager() {
      @Override
      public List<String> getVariableNames() {
        return List.copyOf(names);
      }

      @Override
      public Map<String, String> extractVariableValues(String uri) {
        Map<String, String> values = new LinkedHashMap<>();
        Matcher v = pattern.matcher(uri == null ? "" : uri);
        if (v.matches()) {
          for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), v.group(i + 1));
          }
        }
        return values;
      }

      @Override
      public boolean matches(String uri) {
        return uri != null && pattern.matcher(uri).matches();
      }

      @Override
      public boolean isUriTemplate(String uri) {
        return uri != null && VARIABLE.matcher(uri).find();
      }
    };
  }
}
