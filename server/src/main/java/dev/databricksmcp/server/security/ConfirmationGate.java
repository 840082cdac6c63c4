package dev.databricksmcp.server.security;

import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ConfirmationStep;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.ErrorCode;
import dev.databricksmcp.server.core.Jsons;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.UserAnswer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands before every destructive tool. Asks the user through elicitation when the client can;
 * otherwise the first call gets CONFIRMATION_REQUIRED with a plain description and a token bound to
 * the exact call, and only a second call carrying that token proceeds. The target is looked up
 * again on that second call: if it is no longer the same object, nothing happens.
 */
public final class ConfirmationGate {
  private final ConfirmationTokens tokens;

  public ConfirmationGate(ConfirmationTokens tokens) {
    this.tokens = tokens;
  }

  /** Returns normally when the call may proceed; throws a ToolException when it may not. */
  public void check(ToolDef tool, Map<String, Object> rawArgs, Args args, ToolContext context)
      throws Exception {
    ConfirmationTarget target = describe(tool, rawArgs, args, context);
    if (target == null) {
      return; // the describer says this particular call changes nothing that needs asking
    }
    String binding = binding(tool, rawArgs, target, context);
    Object token = rawArgs.get(ToolDef.CONFIRMATION_TOKEN);
    if (token instanceof String t && !t.isBlank()) {
      ConfirmationTokens.Verdict redemption = tokens.redeem(t, binding);
      context.confirmation(
          redemption == ConfirmationTokens.Verdict.VALID
              ? ConfirmationStep.GIVEN
              : ConfirmationStep.REFUSED);
      switch (redemption) {
        case VALID -> {
          return;
        }
        case EXPIRED ->
            throw required(
                tool, target, binding, "The confirmation token expired; nothing was changed.");
        case ALREADY_USED ->
            throw required(
                tool,
                target,
                binding,
                "That confirmation token was already used; nothing was changed.");
        case INVALID ->
            throw required(
                tool,
                target,
                binding,
                "The confirmation token does not match this call (different arguments, or the"
                    + " target changed); nothing was changed.");
      }
    }
    UserAnswer answer = context.askUser(question(tool, target));
    if (answer == UserAnswer.ACCEPTED) {
      context.confirmation(ConfirmationStep.GIVEN);
      return;
    }
    if (answer == UserAnswer.DECLINED) {
      context.confirmation(ConfirmationStep.REFUSED);
      throw new ToolException(
          ErrorCode.CONFIRMATION_REQUIRED,
          "The user declined: " + target.description() + " was not done; nothing was changed.",
          Map.of("declined", true));
    }
    context.confirmation(ConfirmationStep.ASKED);
    throw required(tool, target, binding, null);
  }

  private ToolException required(
      ToolDef tool, ConfirmationTarget target, String binding, String problem) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("action", target.description());
    details.put(ToolDef.CONFIRMATION_TOKEN, tokens.issue(binding));
    details.put("expires_in_seconds", tokens.ttl().toSeconds());
    String message =
        (problem == null ? "" : problem + " ")
            + "Confirmation required: "
            + target.description()
            + ". Ask the user; if they agree, call "
            + tool.name()
            + " again with the same arguments and confirmation_token from details.";
    return new ToolException(ErrorCode.CONFIRMATION_REQUIRED, message, details);
  }

  private static ConfirmationTarget describe(
      ToolDef tool, Map<String, Object> rawArgs, Args args, ToolContext context) throws Exception {
    if (tool.target() != null) {
      return tool.target().describe(args, context);
    }
    return new ConfirmationTarget(
        tool.title()
            + " with "
            + Jsons.canonical(withoutToken(rawArgs))
            + " in "
            + context.workspaceHost(),
        "");
  }

  private static String question(ToolDef tool, ConfirmationTarget target) {
    return "Allow the assistant to run "
        + tool.name()
        + "? It will: "
        + target.description()
        + ". "
        + consequence(target.effect());
  }

  /**
   * What the user is told about undoing it: "cannot be undone" only for deletes, drops and revokes;
   * a CREATE SCHEMA or an owner change is not described as one.
   */
  static String consequence(ConfirmationTarget.Effect effect) {
    return switch (effect) {
      case IRREVERSIBLE -> "This cannot be undone.";
      case REVERSIBLE -> "It can be changed back afterwards.";
      case CHANGE -> "It changes the workspace.";
    };
  }

  /** Everything a token is bound to: who, which tool, which arguments, which object. */
  private static String binding(
      ToolDef tool, Map<String, Object> rawArgs, ConfirmationTarget target, ToolContext context) {
    return context.principal()
        + "\n"
        + tool.name()
        + "\n"
        + Jsons.canonical(withoutToken(rawArgs))
        + "\n"
        + target.fingerprint();
  }

  private static Map<String, Object> withoutToken(Map<String, Object> rawArgs) {
    Map<String, Object> out = new TreeMap<>(rawArgs);
    out.remove(ToolDef.CONFIRMATION_TOKEN);
    return out;
  }
}
