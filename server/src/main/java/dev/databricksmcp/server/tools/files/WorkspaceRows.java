package dev.databricksmcp.server.tools.files;

import com.databricks.sdk.service.workspace.ObjectInfo;
import dev.databricksmcp.server.core.Times;
import java.util.LinkedHashMap;
import java.util.Map;

/** Workspace objects as the files tools show them: the same names in list and status. */
final class WorkspaceRows {
  private WorkspaceRows() {}

  /** What a model needs to choose: path, type, language (notebooks), last change (files). */
  static Map<String, Object> row(ObjectInfo o) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("path", o.getPath());
    row.put("type", o.getObjectType() == null ? null : o.getObjectType().name());
    if (o.getLanguage() != null) {
      row.put("language", o.getLanguage().name());
    }
    if (o.getModifiedAt() != null) {
      row.put("modified_at", Times.iso(o.getModifiedAt()));
    }
    return row;
  }

  /** The row, then the ids, creation time and size. */
  static Map<String, Object> detail(ObjectInfo o) {
    Map<String, Object> row = row(o);
    row.put("object_id", o.getObjectId());
    if (o.getResourceId() != null) {
      row.put("resource_id", o.getResourceId());
    }
    if (o.getCreatedAt() != null) {
      row.put("created_at", Times.iso(o.getCreatedAt()));
    }
    if (o.getSize() != null) {
      row.put("size_bytes", o.getSize());
    }
    return row;
  }

  /** "notebook /Shared/x (SQL)", "folder /Shared/etl". */
  static String describe(ObjectInfo o) {
    String type = o.getObjectType() == null ? "object" : o.getObjectType().name();
    String noun = "DIRECTORY".equals(type) ? "folder" : type.toLowerCase(java.util.Locale.ROOT);
    return noun
        + " "
        + o.getPath()
        + (o.getLanguage() == null ? "" : " (" + o.getLanguage().name() + ")");
  }
}
