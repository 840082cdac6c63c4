package dev.databricksmcp.sandbox.http;

import com.databricks.sdk.core.utils.SerDeUtils;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Databricks SDK's own mapper, so the sandbox reads and writes exactly the SDK's model shapes.
 */
public final class Json {
  public static final ObjectMapper MAPPER = SerDeUtils.createMapper();

  private Json() {}
}
