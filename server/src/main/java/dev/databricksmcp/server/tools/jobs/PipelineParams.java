package dev.databricksmcp.server.tools.jobs;

import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.ToolException;
import java.util.List;
import java.util.Map;

/** The parameters the pipeline tools share, declared once. */
final class PipelineParams {
  static final Param<String> PIPELINE_ID = Params.id("pipeline_id", "Pipeline id (list_pipelines)");

  static final Param<String> UPDATE_ID =
      Params.id("update_id", "Update id (list_pipeline_updates, start_pipeline_update)");

  /** A pipeline's name: free text, but no quote (it goes into the list filter). */
  static final Param<String> NAME =
      Param.string("name", "Pipeline name").checkedBy(PipelineParams::noQuote);

  static final Param<String> CATALOG =
      Params.namePart("catalog", "Unity Catalog catalog the pipeline publishes its tables to");

  static final Param<String> SCHEMA =
      Params.namePart("schema", "Schema in that catalog for the pipeline's tables");

  static final Param<List<String>> SOURCE_PATHS =
      Param.stringList(
          "source_paths",
          "Workspace paths of the pipeline's source code: SQL (or Python) files and notebooks;"
              + " each is added as a file or a notebook library by what the workspace says it is");

  static final Param<Map<String, Object>> CONFIGURATION =
      Param.object("configuration", "Key-value configuration the source code can read");

  static final Param<Boolean> SERVERLESS =
      Param.bool("serverless", "Run on serverless compute (default {default})").withDefault(true);

  static final Param<Boolean> DEVELOPMENT =
      Param.bool(
              "development",
              "Development mode: the compute is reused between updates and failures are not"
                  + " retried (default {default})")
          .withDefault(true);

  static final Param<Boolean> CONTINUOUS =
      Param.bool(
              "continuous",
              "Run continuously (an update never ends until stopped) instead of triggered"
                  + " (default {default})")
          .withDefault(false);

  /** How long a start or stop waits for the update to end. */
  static final Param<Integer> WAIT_SECONDS =
      Param.integer(
              "wait_seconds",
              "How long to wait for the update to end ({min}-{max}; 0: do not wait)")
          .range(0, 120)
          .withDefault(30);

  private PipelineParams() {}

  private static String noQuote(String field, String value) {
    if (value.contains("'")) {
      throw ToolException.validation(field, "must not contain a single quote (')");
    }
    return value;
  }
}
