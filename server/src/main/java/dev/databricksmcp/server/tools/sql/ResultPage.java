package dev.databricksmcp.server.tools.sql;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.sql.BaseChunkInfo;
import com.databricks.sdk.service.sql.ColumnInfo;
import com.databricks.sdk.service.sql.ColumnInfoTypeName;
import com.databricks.sdk.service.sql.GetStatementResultChunkNRequest;
import com.databricks.sdk.service.sql.ResultData;
import com.databricks.sdk.service.sql.StatementResponse;
import dev.databricksmcp.server.core.Jsons;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a finished statement's rows, from {@code offset}, capped by rows and by rendered
 * bytes. Reads only the chunks the page needs, so a million-row result is never held whole. Values
 * are typed by the manifest (numbers as numbers, booleans as booleans, nested values as JSON).
 */
record ResultPage(
    List<Map<String, Object>> columns,
    List<List<Object>> rows,
    long offset,
    long totalRows,
    boolean truncatedByDatabricks,
    Long nextOffset,
    String cutBy) {

  static ResultPage read(
      WorkspaceClient w, StatementResponse r, long offset, int maxRows, int maxBytes) {
    List<ColumnInfo> columnInfos = new ArrayList<>(r.getManifest().getSchema().getColumns());
    List<Map<String, Object>> columns = new ArrayList<>();
    for (ColumnInfo c : columnInfos) {
      Map<String, Object> col = new LinkedHashMap<>();
      col.put("name", c.getName());
      col.put("type", c.getTypeText() != null ? c.getTypeText() : String.valueOf(c.getTypeName()));
      columns.add(col);
    }
    long total =
        r.getManifest().getTotalRowCount() == null ? 0 : r.getManifest().getTotalRowCount();
    List<List<Object>> rows = new ArrayList<>();
    long bytes = 0;
    String cutBy = null;
    long position = offset;
    ResultData data = chunkAt(w, r, offset);
    while (data != null && rows.size() < maxRows && position < total) {
      long chunkStart = data.getRowOffset() == null ? 0 : data.getRowOffset();
      List<Collection<String>> chunkRows =
          data.getDataArray() == null ? List.of() : new ArrayList<>(data.getDataArray());
      int index = (int) (position - chunkStart);
      while (index < chunkRows.size() && rows.size() < maxRows) {
        List<Object> typed = typed(new ArrayList<>(chunkRows.get(index)), columnInfos);
        long size = Jsons.write(typed).length();
        if (!rows.isEmpty() && bytes + size > maxBytes) {
          cutBy = "max_bytes";
          break;
        }
        rows.add(typed);
        bytes += size;
        index++;
        position++;
      }
      if (cutBy != null || rows.size() >= maxRows || data.getNextChunkIndex() == null) {
        break;
      }
      data =
          w.statementExecution()
              .getStatementResultChunkN(
                  new GetStatementResultChunkNRequest()
                      .setStatementId(r.getStatementId())
                      .setChunkIndex(data.getNextChunkIndex()));
    }
    if (cutBy == null && position < total) {
      cutBy = "max_rows";
    }
    Long next = position < total ? position : null;
    return new ResultPage(
        columns,
        rows,
        offset,
        total,
        Boolean.TRUE.equals(r.getManifest().getTruncated()),
        next,
        cutBy);
  }

  /**
   * The first {@code n} rows of this page, cut by the byte budget of the text a model reads: the
   * next page starts after them.
   */
  ResultPage keep(int n) {
    if (n >= rows.size()) {
      return this;
    }
    return new ResultPage(
        columns,
        rows.subList(0, n),
        offset,
        totalRows,
        truncatedByDatabricks,
        offset + n,
        "max_bytes");
  }

  /** The chunk holding row {@code offset}: the inline first chunk, or one fetched by index. */
  private static ResultData chunkAt(WorkspaceClient w, StatementResponse r, long offset) {
    if (offset == 0 || r.getManifest().getChunks() == null) {
      return r.getResult();
    }
    for (BaseChunkInfo c : r.getManifest().getChunks()) {
      long start = c.getRowOffset() == null ? 0 : c.getRowOffset();
      long count = c.getRowCount() == null ? 0 : c.getRowCount();
      if (offset >= start && offset < start + count) {
        return c.getChunkIndex() == 0 && r.getResult() != null
            ? r.getResult()
            : w.statementExecution()
                .getStatementResultChunkN(
                    new GetStatementResultChunkNRequest()
                        .setStatementId(r.getStatementId())
                        .setChunkIndex(c.getChunkIndex()));
      }
    }
    return null;
  }

  static List<Object> typed(List<String> values, List<ColumnInfo> columns) {
    List<Object> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      ColumnInfoTypeName type = i < columns.size() ? columns.get(i).getTypeName() : null;
      out.add(v == null || type == null ? v : convert(v, type));
    }
    return out;
  }

  private static Object convert(String v, ColumnInfoTypeName type) {
    try {
      return switch (type) {
        case INT, LONG, SHORT, BYTE -> Long.parseLong(v);
        case DOUBLE, FLOAT -> Double.parseDouble(v);
        case DECIMAL -> new BigDecimal(v);
        case BOOLEAN -> Boolean.parseBoolean(v);
        case ARRAY, STRUCT, MAP -> Jsons.MAPPER.readValue(v, Object.class);
        default -> v;
      };
    } catch (Exception e) {
      return v; // a value Databricks renders differently stays as it came
    }
  }
}
