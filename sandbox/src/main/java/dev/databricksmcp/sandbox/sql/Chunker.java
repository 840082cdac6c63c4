package dev.databricksmcp.sandbox.sql;

import com.databricks.sdk.service.sql.BaseChunkInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a result into chunks the way the Statement Execution API pages inline results: by row
 * count and by bytes, whichever fills first; and applies byte_limit.
 */
final class Chunker {
  static final int MAX_CHUNK_ROWS = 10_000;
  static final long MAX_CHUNK_BYTES = 1 << 20;

  /**
   * @param truncated true when byte_limit cut rows
   */
  record Chunks(List<BaseChunkInfo> chunks, int rowCount, long byteCount, boolean truncated) {}

  private Chunker() {}

  static Chunks split(List<List<String>> rows, long byteLimit) {
    List<BaseChunkInfo> chunks = new ArrayList<>();
    long total = 0;
    int chunkStart = 0;
    long chunkBytes = 0;
    int kept = 0;
    boolean truncated = false;
    for (int i = 0; i < rows.size(); i++) {
      long size = estimate(rows.get(i));
      if (byteLimit > 0 && total + size > byteLimit) {
        truncated = true;
        break;
      }
      if (i > chunkStart
          && (i - chunkStart >= MAX_CHUNK_ROWS || chunkBytes + size > MAX_CHUNK_BYTES)) {
        chunks.add(chunk(chunks.size(), chunkStart, i - chunkStart, chunkBytes));
        chunkStart = i;
        chunkBytes = 0;
      }
      chunkBytes += size;
      total += size;
      kept = i + 1;
    }
    if (kept > chunkStart || chunks.isEmpty()) {
      chunks.add(chunk(chunks.size(), chunkStart, kept - chunkStart, chunkBytes));
    }
    return new Chunks(chunks, kept, total, truncated);
  }

  private static BaseChunkInfo chunk(int index, int offset, int count, long bytes) {
    return new BaseChunkInfo()
        .setChunkIndex((long) index)
        .setRowOffset((long) offset)
        .setRowCount((long) count)
        .setByteCount(bytes);
  }

  /** The row's size as JSON: quotes, commas and brackets included. */
  static long estimate(List<String> row) {
    long size = 2;
    for (String v : row) {
      size += v == null ? 5 : v.length() + 3;
    }
    return size;
  }
}
