package dev.databricksmcp.sandbox.genie;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.sql.StatementRunner;
import dev.databricksmcp.sandbox.sql.TaskStatements;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.state.StateRegistry;
import java.util.List;

/**
 * AI/BI Genie: the seeded space over the sample data ({@link SeededSpaces}) and conversations
 * answered by the sandbox's example-question matcher, their SQL run on the space's warehouse as the
 * asker.
 */
public final class GenieArea implements ApiArea {
  private final ComputeClock clock;

  public GenieArea() {
    this(new ComputeClock());
  }

  public GenieArea(ComputeClock clock) {
    this.clock = clock;
  }

  @Override
  public List<Class<? extends SandboxState>> needs() {
    return List.of(Warehouses.class, StatementRunner.class);
  }

  @Override
  public ApiModule build(StateRegistry r) {
    TaskStatements statements =
        new TaskStatements(r.get(StatementRunner.class), r.get(Warehouses.class));
    return new GenieApi(
        SeededSpaces.ALL,
        r.register(new GenieConversations()),
        new GenieAnswers(statements, clock));
  }
}
