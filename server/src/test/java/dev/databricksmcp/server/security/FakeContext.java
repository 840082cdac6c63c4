package dev.databricksmcp.server.security;

import com.databricks.sdk.WorkspaceClient;
import dev.databricksmcp.server.core.ConfirmationStep;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.UserAnswer;
import java.util.ArrayList;
import java.util.List;

/** A tool context for policy tests: a fixed principal and a scripted answer to elicitation. */
final class FakeContext implements ToolContext {
  private final String principal;
  private final UserAnswer answer;
  int questionsAsked;
  String lastQuestion;
  final List<ConfirmationStep> steps = new ArrayList<>();

  FakeContext(String principal, UserAnswer answer) {
    this.principal = principal;
    this.answer = answer;
  }

  @Override
  public WorkspaceClient workspace() {
    throw new UnsupportedOperationException("policy tests never reach Databricks");
  }

  @Override
  public String workspaceHost() {
    return "https://example.cloud.databricks.com";
  }

  @Override
  public String correlationId() {
    return "test";
  }

  @Override
  public boolean readOnly() {
    return false;
  }

  @Override
  public void progress(double progress, Double total, String message) {}

  @Override
  public String principal() {
    return principal;
  }

  @Override
  public UserAnswer askUser(String message) {
    questionsAsked++;
    lastQuestion = message;
    return answer;
  }

  @Override
  public void confirmation(ConfirmationStep step) {
    steps.add(step);
  }
}
