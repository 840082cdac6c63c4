package dev.databricksmcp.sandbox.pipelines;

import java.util.List;

/**
 * One dataset a pipeline's SQL source defines: {@code CREATE OR REFRESH [PRIVATE] MATERIALIZED
 * VIEW|STREAMING TABLE name … AS query}, and the flow that fills it (named after it, as Databricks
 * names a dataset's default flow).
 *
 * @param name the dataset's name as written, lower-case, without catalog or schema
 * @param kind MATERIALIZED_VIEW or STREAMING_TABLE
 * @param comment the COMMENT clause's text; null without one
 * @param query the defining query, with {@code STREAM(x)}, {@code STREAM x} and {@code LIVE.x} read
 *     as plain {@code x}
 * @param reads the names the query reads, as written (one, two or three parts, lower-case)
 * @param source the workspace path of the file or notebook that defines it
 */
record Dataset(
    String name, Kind kind, String comment, String query, List<String> reads, String source) {
  enum Kind {
    MATERIALIZED_VIEW,
    STREAMING_TABLE
  }
}
