package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepContextTest {
  private final List<String> sent = new ArrayList<>();
  private final ToolContext call =
      new ToolContext() {
        @Override
        public com.databricks.sdk.WorkspaceClient workspace() {
          throw new UnsupportedOperationException("offline");
        }

        @Override
        public String correlationId() {
          return "cid-1";
        }

        @Override
        public boolean readOnly() {
          return true;
        }

        @Override
        public String principal() {
          return "alice@example.com";
        }

        @Override
        public void progress(double progress, Double total, String message) {
          sent.add(progress + "/" + total + " " + message);
        }
      };

  @Test
  void aStepsProgressIsPlacedWithinItsSlotOfTheCall() {
    ToolContext second = new StepContext(call, 1, 4, "statement 2 of 4");
    second.progress(0, 30.0, "PENDING");
    second.progress(15, 30.0, "RUNNING");
    second.progress(30, 30.0, "done");
    second.progress(45, 30.0, "past its own total");
    assertThat(sent)
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
    assertThat(sent).containsExactly("2.0/3.0 step 3: working", "2.0/3.0 step 3: working");
  }

  @Test
  void everythingElseIsTheCalls() {
    ToolContext step = new StepContext(call, 0, 2, "s");
    assertThat(step.correlationId()).isEqualTo("cid-1");
    assertThat(step.readOnly()).isTrue();
    assertThat(step.principal()).isEqualTo("alice@example.com");
    assertThat(step.deadline()).isSameAs(call.deadline());
  }
}
