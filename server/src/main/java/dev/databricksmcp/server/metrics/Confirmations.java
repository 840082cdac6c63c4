package dev.databricksmcp.server.metrics;

import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.ToolDef;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Map;
import java.util.Set;

/**
 * What a call did at the confirmation gate, read from its envelope the way {@code ConfirmationGate}
 * answers: CONFIRMATION_REQUIRED with {@code declined} (the user said no), or with a token while
 * the call carried one (expired, used or not matching: refused and asked again), or for a first
 * ask; a destructive call that carried a token and got past the gate went ahead. A confirmation
 * given through elicitation leaves no trace in the envelope: the gate tells the call's observers
 * instead ({@link ToolCallMetrics#userConfirmed}).
 */
final class Confirmations {
  static final String ASKED = "asked";
  static final String GIVEN = "given";
  static final String REFUSED = "refused";

  /** Refused before the gate: the call never reached it. */
  private static final Set<String> BEFORE_GATE =
      Set.of(
          ErrorCode.VALIDATION_ERROR.name(),
          ErrorCode.READ_ONLY.name(),
          ErrorCode.RATE_LIMITED.name());

  private Confirmations() {}

  /**
   * @param code the envelope's error code, null for success
   * @return asked, given, refused, or null when the call did not meet the gate
   */
  static String resultOf(
      ToolDef tool, Map<String, Object> args, CallToolResult result, String code, boolean gateOn) {
    boolean carriedToken = args.get(ToolDef.CONFIRMATION_TOKEN) instanceof String t && !t.isBlank();
    if (ErrorCode.CONFIRMATION_REQUIRED.name().equals(code)) {
      return declined(result) || carriedToken ? REFUSED : ASKED;
    }
    if (gateOn
        && carriedToken
        && tool.hints().destructive()
        && (code == null || !BEFORE_GATE.contains(code))) {
      return GIVEN;
    }
    return null;
  }

  private static boolean declined(CallToolResult result) {
    return result.structuredContent() instanceof Map<?, ?> body
        && body.get("details") instanceof Map<?, ?> details
        && Boolean.TRUE.equals(details.get("declined"));
  }
}
