package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.testing.RecordingContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepContextTest {
  private final RecordingContext call = new RecordingContext();

  private List<String> sent() {
    return call.progress.stream()
        .map(p -> p.progress() + "/" + p.total() + " " + p.message())
        .toList();
  }

  @Test
  void aStepsProgressIsPlacedWithinItsSlotOfTheCall() {
    ToolContext second = new StepContext(call, 1, 4, "statement 2 of 4");
    second.progress(0, 30.0, "PENDING");
    second.progress(15, 30.0, "RUNNING");
    second.progress(30, 30.0, "done");
    second.progress(45, 30.0, "past its own total");
    assertThat(sent())
        .containsExactly(
            "1.0/4.0 statement 2 of 4: PENDING",
            "1.5/4.0 statement 2 of 4: RUNNING",
            "1.99/4.0 statement 2 of 4: done",
            "1.99/4.0 statement 2 of 4: past its own total");
  }

  @Test
  void aStepWithoutATotalStaysAtItsStart() {
    new StepContext(call, 2, 3, "step 3").progress(7, null, "working");
    new StepContext(call, 2, 3, "step 3").progress(7, 0.0, "working");
    assertThat(sent()).containsExactly("2.0/3.0 step 3: working", "2.0/3.0 step 3: working");
  }

  @Test
  void everythingElseIsTheCalls() {
    ToolContext step = new StepContext(call, 0, 2, "s");
    assertThat(step.correlationId()).isEqualTo(call.correlationId());
    assertThat(step.workspaceHost()).isEqualTo(call.workspaceHost());
    assertThat(step.principal()).isEqualTo(call.principal());
    assertThat(step.deadline()).isSameAs(call.deadline());
  }
}
