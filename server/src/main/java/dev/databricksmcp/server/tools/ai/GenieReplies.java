package dev.databricksmcp.server.tools.ai;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.dashboards.GenieAttachment;
import com.databricks.sdk.service.dashboards.GenieMessage;
import com.databricks.sdk.service.dashboards.MessageStatus;
import com.databricks.sdk.service.sql.StatementResponse;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.tools.sql.StatementResults;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A Genie message as a tool answers it: Genie's text and SQL, and once it COMPLETED with a query, a
 * page of its rows through the SQL toolset's rendering and caps.
 */
final class GenieReplies {
  static final Set<MessageStatus> ENDED =
      EnumSet.of(
          MessageStatus.COMPLETED,
          MessageStatus.FAILED,
          MessageStatus.CANCELLED,
          MessageStatus.QUERY_RESULT_EXPIRED);

  static final String CAVEAT =
      "The SQL is Genie's, not verified: check it before relying on the rows.";

  private GenieReplies() {}

  /** The message, with the first page of its rows when it has them. */
  static ToolResult answer(
      WorkspaceClient w, GenieMessage m, int maxRows, int maxBytes, String format) {
    Map<String, Object> data = GenieRows.message(m);
    String id = m.getMessageId() != null ? m.getMessageId() : m.getId();
    if (m.getStatus() == MessageStatus.FAILED) {
      return ToolResult.of(
          data,
          "Genie could not answer: "
              + data.getOrDefault("error", "the message FAILED")
              + (data.containsKey("sql") ? " Its SQL is shown." : ""));
    }
    if (!ENDED.contains(m.getStatus())) {
      return ToolResult.of(
          data,
          "Genie is still working ("
              + m.getStatus()
              + "). Call get_genie_message with space_id="
              + m.getSpaceId()
              + ", conversation_id="
              + m.getConversationId()
              + " and message_id="
              + id
              + " to check again.");
    }
    GenieAttachment query = GenieRows.firstQuery(m);
    if (m.getStatus() != MessageStatus.COMPLETED || query == null) {
      return ToolResult.of(
          data,
          (m.getStatus() == MessageStatus.COMPLETED
                  ? "Genie answered in text, with no query."
                  : "The message is " + m.getStatus() + ".")
              + " Follow up with ask_genie and conversation_id="
              + m.getConversationId()
              + ".");
    }
    return rows(w, m, query.getAttachmentId(), 0, maxRows, maxBytes, format, data);
  }

  /** A page of a query attachment's rows, Genie's SQL and text put before them. */
  static ToolResult rows(
      WorkspaceClient w,
      GenieMessage m,
      String attachmentId,
      long offset,
      int maxRows,
      int maxBytes,
      String format,
      Map<String, Object> data) {
    String id = m.getMessageId() != null ? m.getMessageId() : m.getId();
    StatementResponse r =
        w.genie()
            .getMessageAttachmentQueryResult(
                m.getSpaceId(), m.getConversationId(), id, attachmentId)
            .getStatementResponse();
    String more =
        "get_genie_query_result with space_id="
            + m.getSpaceId()
            + ", conversation_id="
            + m.getConversationId()
            + ", message_id="
            + id
            + ", attachment_id="
            + attachmentId;
    ToolResult page = StatementResults.rows(w, r, offset, maxRows, maxBytes, format, data, more);
    String sql = String.valueOf(data.get("sql"));
    String text =
        (data.containsKey("text") ? "Genie: " + data.get("text") + "\n\n" : "")
            + "Genie's SQL:\n"
            + sql
            + "\n\n"
            + (page.text() == null ? "" : page.text());
    return new ToolResult(
        page.data(), page.count(), page.message() + " " + CAVEAT, text, page.attachments());
  }
}
