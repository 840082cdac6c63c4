package dev.databricksmcp.server.tools.ai;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.dashboards.GenieListSpacesRequest;
import com.databricks.sdk.service.dashboards.GenieListSpacesResponse;
import com.databricks.sdk.service.dashboards.GenieSpace;
import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** A Genie space named by its id or its title, as docs/OUTPUT.md has names where ids are asked. */
final class GenieSpaces {
  private static final Pattern SPACE_ID = Pattern.compile("[0-9a-fA-F]{32}");
  private static final int MAX_PAGES = 20;

  private GenieSpaces() {}

  /**
   * The space id: the value itself when it has an id's form, else the one space with that title.
   */
  static String resolve(WorkspaceClient w, String value) {
    String given = value.trim();
    if (SPACE_ID.matcher(given).matches()) {
      return given.toLowerCase(Locale.ROOT);
    }
    List<GenieSpace> all = all(w);
    List<GenieSpace> titled =
        all.stream().filter(s -> given.equalsIgnoreCase(String.valueOf(s.getTitle()))).toList();
    if (titled.size() == 1) {
      return titled.get(0).getSpaceId();
    }
    List<String> candidates =
        (titled.isEmpty() ? all : titled)
            .stream().map(s -> s.getTitle() + " (" + s.getSpaceId() + ")").limit(20).toList();
    throw new ToolException(
        dev.databricksmcp.server.core.ErrorCode.VALIDATION_ERROR,
        GenieParams.SPACE.name()
            + ": "
            + (titled.isEmpty()
                ? "no Genie space has the id or title '" + given + "'"
                : "several Genie spaces have the title '" + given + "'; give its id")
            + (candidates.isEmpty() ? "" : ". Spaces: " + String.join(", ", candidates)),
        Map.of("field", GenieParams.SPACE.name(), "candidates", candidates));
  }

  private static List<GenieSpace> all(WorkspaceClient w) {
    List<GenieSpace> out = new ArrayList<>();
    String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      GenieListSpacesResponse r =
          w.genie().impl().listSpaces(new GenieListSpacesRequest().setPageToken(token));
      if (r.getSpaces() != null) {
        out.addAll(r.getSpaces());
      }
      token = r.getNextPageToken();
      if (token == null || token.isEmpty()) {
        break;
      }
    }
    return out;
  }
}
