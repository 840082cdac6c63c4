package dev.databricksmcp.sandbox.jobs;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.sql.SavedQueryTexts;
import dev.databricksmcp.sandbox.sql.StatementRunner;
import dev.databricksmcp.sandbox.sql.TaskStatements;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.state.StateRegistry;
import java.util.List;
import java.util.Optional;

/**
 * Jobs API 2.2 with runs that really run: SQL tasks and SQL notebooks on the sandbox's warehouses,
 * condition and run-job tasks. Notebook and SQL file sources come from a {@link NotebookSource}
 * (none until the Workspace API lands; a test passes its own).
 */
public final class JobsArea implements ApiArea {
  private final NotebookSource notebooks;
  private final ComputeClock clock;

  public JobsArea() {
    this(path -> Optional.empty(), new ComputeClock());
  }

  public JobsArea(NotebookSource notebooks, ComputeClock clock) {
    this.notebooks = notebooks;
    this.clock = clock;
  }

  @Override
  public List<Class<? extends SandboxState>> needs() {
    return List.of(Warehouses.class, StatementRunner.class, SavedQueryTexts.class);
  }

  @Override
  public ApiModule build(StateRegistry r) {
    Jobs jobs = r.register(new Jobs());
    JobRuns runs = r.register(new JobRuns(clock));
    StatementSteps steps =
        new StatementSteps(
            new TaskStatements(r.get(StatementRunner.class), r.get(Warehouses.class)), clock);
    JobLauncher launcher = new JobLauncher(jobs, runs);
    TaskKinds kinds =
        new TaskKinds(
            List.of(
                new SqlTaskKind(steps, notebooks, r.get(SavedQueryTexts.class)::text),
                new NotebookTaskKind(steps, notebooks),
                new ConditionTaskKind(),
                new RunJobTaskKind(launcher, runs, clock)));
    RunDriver driver = r.register(new RunDriver(runs, jobs, r.get(Identities.class), kinds));
    runs.startWith(driver::start);
    return new JobsApi(jobs, runs, launcher, driver, notebooks);
  }
}
