package dev.databricksmcp.server.tools.ai;

import com.databricks.sdk.service.dashboards.GenieAttachment;
import com.databricks.sdk.service.dashboards.GenieMessage;
import com.databricks.sdk.service.dashboards.GenieQueryAttachment;
import com.databricks.sdk.service.dashboards.GenieSpace;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.Times;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Curated rows of Genie spaces and messages (docs/OUTPUT.md), never the SDK's objects. */
final class GenieRows {
  private GenieRows() {}

  static Map<String, Object> space(GenieSpace s) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("space_id", s.getSpaceId());
    row.put("title", s.getTitle());
    row.put("description", s.getDescription());
    row.put("warehouse_id", s.getWarehouseId());
    return row;
  }

  /**
   * A space with what its export says (tables, text instructions, sample questions) when the caller
   * may read the export; a caller who may not gets the plain row.
   */
  static Map<String, Object> spaceDetail(GenieSpace s) {
    Map<String, Object> row = space(s);
    if (s.getSerializedSpace() == null) {
      return row;
    }
    JsonNode export;
    try {
      export = Jsons.MAPPER.readTree(s.getSerializedSpace());
    } catch (Exception e) {
      return row;
    }
    row.put("tables", texts(export.path("data_sources").path("tables"), "identifier"));
    row.put(
        "instructions", texts(export.path("instructions").path("text_instructions"), "content"));
    List<String> questions = texts(export.path("config").path("sample_questions"), "question");
    if (questions.isEmpty()) {
      questions = texts(export.path("instructions").path("example_question_sqls"), "question");
    }
    row.put("sample_questions", questions);
    return row;
  }

  /** Each element's field, joined when the export holds it as an array of lines. */
  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : array) {
      JsonNode v = item.path(field);
      if (v.isArray()) {
        StringBuilder joined = new StringBuilder();
        v.forEach(line -> joined.append(line.asText()));
        out.add(joined.toString());
      } else if (!v.isMissingNode()) {
        out.add(v.asText());
      }
    }
    return out;
  }

  /**
   * A message: its state, Genie's text, and the SQL Genie wrote in full (so that it can be
   * checked), with what to read its rows by.
   */
  static Map<String, Object> message(GenieMessage m) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("space_id", m.getSpaceId());
    row.put("conversation_id", m.getConversationId());
    row.put("message_id", m.getMessageId() != null ? m.getMessageId() : m.getId());
    row.put("state", String.valueOf(m.getStatus()));
    row.put("question", m.getContent());
    row.put("created_at", Times.iso(m.getCreatedTimestamp()));
    List<String> text = new ArrayList<>();
    List<String> suggested = new ArrayList<>();
    List<GenieAttachment> attachments =
        m.getAttachments() == null ? List.of() : new ArrayList<>(m.getAttachments());
    for (GenieAttachment a : attachments) {
      if (a.getText() != null && a.getText().getContent() != null) {
        text.add(a.getText().getContent());
      }
      if (a.getSuggestedQuestions() != null && a.getSuggestedQuestions().getQuestions() != null) {
        suggested.addAll(a.getSuggestedQuestions().getQuestions());
      }
    }
    row.put("text", text.isEmpty() ? null : String.join("\n\n", text));
    GenieAttachment query = firstQuery(m);
    if (query != null) {
      GenieQueryAttachment q = query.getQuery();
      row.put("attachment_id", query.getAttachmentId());
      row.put("sql", q.getQuery());
      row.put("sql_title", q.getTitle());
      row.put("sql_description", q.getDescription());
      row.put("statement_id", q.getStatementId());
      if (q.getQueryResultMetadata() != null) {
        row.put("total_row_count", q.getQueryResultMetadata().getRowCount());
      }
    }
    if (!suggested.isEmpty()) {
      row.put("suggested_questions", suggested);
    }
    if (m.getError() != null) {
      row.put("error", m.getError().getError());
      row.put("error_type", String.valueOf(m.getError().getType()));
    }
    row.values().removeIf(Objects::isNull);
    return row;
  }

  /** The message's first query attachment, or null. */
  static GenieAttachment firstQuery(GenieMessage m) {
    if (m.getAttachments() == null) {
      return null;
    }
    return m.getAttachments().stream().filter(a -> a.getQuery() != null).findFirst().orElse(null);
  }
}
