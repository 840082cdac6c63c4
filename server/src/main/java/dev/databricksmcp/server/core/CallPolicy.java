package dev.databricksmcp.server.core;

import java.util.Map;

/**
 * A check that runs before a tool's handler (rate limit, confirmation …). Throws a ToolException to
 * stop the call; returns normally to let it go on.
 */
public interface CallPolicy {
  void before(ToolDef tool, Map<String, Object> rawArgs, Args args, ToolContext context)
      throws Exception;
}
