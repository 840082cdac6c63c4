package dev.databricksmcp.sandbox.jobs;

import dev.databricksmcp.sandbox.ApiArea;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.commands.PythonProcess;
import dev.databricksmcp.sandbox.compute.ComputeClock;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.SandboxUrl;
import dev.databricksmcp.sandbox.permissions.AclObjectType;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import dev.databricksmcp.sandbox.sql.SavedQueryTexts;
import dev.databricksmcp.sandbox.sql.StatementRunner;
import dev.databricksmcp.sandbox.sql.TaskStatements;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.state.StateRegistry;
import dev.databricksmcp.sandbox.workspace.WorkspaceTree;
import java.util.List;

/**
 * Jobs API 2.2 with runs that really run: SQL tasks and SQL notebooks on the sandbox's warehouses,
 * condition and run-job tasks, and Python notebooks and spark_python_task files when Python is
 * opted in ({@code --sandbox-python}). Notebook and SQL file sources come from the workspace tree
 * (a test may pass its own {@link NotebookSource}).
 */
public final class JobsArea implements ApiArea {
  private final NotebookSource notebooks;
  private final ComputeClock clock;

  /** Notebooks and SQL files from the sandbox's workspace tree. */
  public JobsArea() {
    this(null, new ComputeClock());
  }

  /**
   * @param notebooks where notebook and file sources come from; null: the workspace tree
   */
  public JobsArea(NotebookSource notebooks, ComputeClock clock) {
    this.notebooks = notebooks;
    this.clock = clock;
  }

  @Override
  public List<Class<? extends SandboxState>> needs() {
    return List.of(
        Warehouses.class, StatementRunner.class, SavedQueryTexts.class, WorkspaceTree.class);
  }

  @Override
  public ApiModule build(StateRegistry r) {
    NotebookSource notebooks =
        this.notebooks != null
            ? this.notebooks
            : new WorkspaceNotebooks(r.get(WorkspaceTree.class));
    Jobs jobs = r.register(new Jobs());
    JobRuns runs = r.register(new JobRuns(clock));
    StatementSteps steps =
        new StatementSteps(
            new TaskStatements(r.get(StatementRunner.class), r.get(Warehouses.class)), clock);
    JobLauncher launcher = new JobLauncher(jobs, runs);
    PythonTasks python =
        new PythonTasks(
            r.options().pythonCommands(),
            new PythonProcess(r.get(Identities.class), r.get(SandboxUrl.class)),
            clock);
    TaskKinds kinds =
        new TaskKinds(
            List.of(
                new SqlTaskKind(steps, notebooks, r.get(SavedQueryTexts.class)::text),
                new NotebookTaskKind(steps, notebooks, python),
                new SparkPythonTaskKind(notebooks, python),
                new ConditionTaskKind(),
                new RunJobTaskKind(launcher, runs, clock)));
    RunDriver driver = r.register(new RunDriver(runs, jobs, r.get(Identities.class), kinds));
    runs.startWith(driver::start);
    ObjectAcls acls = r.get(ObjectAcls.class);
    acls.track(
        AclObjectType.JOBS,
        id ->
            id.matches("\\d{1,18}")
                ? ObjectAcls.createdBy(() -> jobs.get(Long.parseLong(id)).getCreatorUserName())
                : java.util.Optional.empty());
    return new JobsApi(jobs, runs, launcher, driver, notebooks, acls);
  }
}
