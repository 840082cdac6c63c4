package dev.databricksmcp.sandbox.jobs;

import com.databricks.sdk.service.jobs.QueueDetails;
import com.databricks.sdk.service.jobs.QueueDetailsCodeCode;
import com.databricks.sdk.service.jobs.RunLifeCycleState;
import com.databricks.sdk.service.jobs.RunLifecycleStateV2State;
import com.databricks.sdk.service.jobs.RunResultState;
import com.databricks.sdk.service.jobs.RunState;
import com.databricks.sdk.service.jobs.RunStatus;
import com.databricks.sdk.service.jobs.TerminationCodeCode;
import com.databricks.sdk.service.jobs.TerminationDetails;
import com.databricks.sdk.service.jobs.TerminationTypeType;
import java.util.Set;

/**
 * A run's or a task run's state in both shapes Jobs API 2.2 returns: the older {@code state}
 * (life_cycle_state, result_state, state_message) and the newer {@code status} (state,
 * termination_details, queue_details).
 */
record RunStates(RunState state, RunStatus status) {
  /** Results that count as a failure for the tasks downstream and for the run's result. */
  static final Set<RunResultState> FAILED =
      Set.of(RunResultState.FAILED, RunResultState.TIMEDOUT, RunResultState.UPSTREAM_FAILED);

  static final Set<RunResultState> CANCELED =
      Set.of(RunResultState.CANCELED, RunResultState.UPSTREAM_CANCELED);

  static RunStates of(RunLifeCycleState life, RunLifecycleStateV2State v2, String message) {
    return new RunStates(
        new RunState()
            .setLifeCycleState(life)
            .setStateMessage(message)
            .setUserCancelledOrTimedout(false),
        new RunStatus().setState(v2));
  }

  static RunStates queued() {
    String why = "Queued: the job's maximum number of concurrent runs is reached.";
    RunStates s = of(RunLifeCycleState.QUEUED, RunLifecycleStateV2State.QUEUED, why);
    s.state.setQueueReason(why);
    s.status.setQueueDetails(
        new QueueDetails()
            .setCode(QueueDetailsCodeCode.MAX_CONCURRENT_RUNS_REACHED)
            .setMessage(why));
    return s;
  }

  static RunStates pending() {
    return of(RunLifeCycleState.PENDING, RunLifecycleStateV2State.PENDING, "");
  }

  static RunStates blocked() {
    return of(
        RunLifeCycleState.BLOCKED, RunLifecycleStateV2State.BLOCKED, "Waiting for upstream tasks.");
  }

  static RunStates running() {
    return of(RunLifeCycleState.RUNNING, RunLifecycleStateV2State.RUNNING, "");
  }

  static RunStates terminating(String message) {
    return of(RunLifeCycleState.TERMINATING, RunLifecycleStateV2State.TERMINATING, message);
  }

  static RunStates waitingForRetry(String message) {
    return of(RunLifeCycleState.WAITING_FOR_RETRY, RunLifecycleStateV2State.WAITING, message);
  }

  /** A run that ended: the result, its message and the termination code that explains it. */
  static RunStates terminated(RunResultState result, String message, TerminationCodeCode code) {
    RunStates s = of(RunLifeCycleState.TERMINATED, RunLifecycleStateV2State.TERMINATED, message);
    s.state
        .setResultState(result)
        .setUserCancelledOrTimedout(
            result == RunResultState.CANCELED || result == RunResultState.TIMEDOUT);
    s.status.setTerminationDetails(
        new TerminationDetails().setCode(code).setType(type(code)).setMessage(message));
    return s;
  }

  /** A run skipped because the job had as many active runs as it allows and no queue. */
  static RunStates skippedAtLimit() {
    String why = "Skipped: the job's maximum number of concurrent runs is reached.";
    RunStates s = of(RunLifeCycleState.SKIPPED, RunLifecycleStateV2State.TERMINATED, why);
    s.state.setResultState(RunResultState.MAXIMUM_CONCURRENT_RUNS_REACHED);
    s.status.setTerminationDetails(
        new TerminationDetails()
            .setCode(TerminationCodeCode.MAX_CONCURRENT_RUNS_EXCEEDED)
            .setType(TerminationTypeType.CLIENT_ERROR)
            .setMessage(why));
    return s;
  }

  static RunStates internalError(String message) {
    RunStates s =
        of(RunLifeCycleState.INTERNAL_ERROR, RunLifecycleStateV2State.TERMINATED, message);
    s.state.setResultState(RunResultState.FAILED);
    s.status.setTerminationDetails(
        new TerminationDetails()
            .setCode(TerminationCodeCode.INTERNAL_ERROR)
            .setType(TerminationTypeType.INTERNAL_ERROR)
            .setMessage(message));
    return s;
  }

  private static TerminationTypeType type(TerminationCodeCode code) {
    return switch (code) {
      case SUCCESS, SUCCESS_WITH_FAILURES, CANCELED, USER_CANCELED, SKIPPED ->
          TerminationTypeType.SUCCESS;
      case INTERNAL_ERROR -> TerminationTypeType.INTERNAL_ERROR;
      default -> TerminationTypeType.CLIENT_ERROR;
    };
  }

  static boolean active(RunState s) {
    RunLifeCycleState l = s.getLifeCycleState();
    return l != RunLifeCycleState.TERMINATED
        && l != RunLifeCycleState.SKIPPED
        && l != RunLifeCycleState.INTERNAL_ERROR;
  }
}
