package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The handler's context forwards everything of the transport's and adds the deadline and the notes.
 */
class BoundToolContextTest {
  @Test
  void everyMethodOfToolContextIsOverriddenSoNoneFallsBackToItsDefault() {
    List<String> missing =
        Arrays.stream(ToolContext.class.getMethods())
            .filter(m -> !Modifier.isStatic(m.getModifiers()))
            .filter(m -> !declares(m))
            .map(Method::getName)
            .toList();

    assertThat(missing).as("ToolContext methods BoundToolContext does not forward").isEmpty();
  }

  private static boolean declares(Method m) {
    try {
      return BoundToolContext.class.getDeclaredMethod(m.getName(), m.getParameterTypes()) != null;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  @Test
  void theDeadlineIsTheCallsAndTrackedWorkIsNoted() {
    CallNotes notes = new CallNotes();
    Duration timeout = Duration.ofSeconds(30);
    CallDeadline deadline = CallDeadline.at(System.nanoTime() + timeout.toNanos(), timeout);
    ToolContext ctx = new BoundToolContext(new FixedContext(), deadline, notes);

    ctx.track(new WorkHandle("statement_id", "s1", "get_statement"));
    ctx.track(new WorkHandle("statement_id", "s2", "get_statement"));

    assertThat(ctx.deadline()).isSameAs(deadline);
    assertThat(notes.handles()).extracting(WorkHandle::value).containsExactly("s2");
    assertThat(ctx.principal()).isEqualTo("someone");
  }

  private static final class FixedContext implements ToolContext {
    @Override
    public com.databricks.sdk.WorkspaceClient workspace() {
      throw new IllegalStateException();
    }

    @Override
    public String correlationId() {
      return "c";
    }

    @Override
    public boolean readOnly() {
      return false;
    }

    @Override
    public void progress(double progress, Double total, String message) {}

    @Override
    public String principal() {
      return "someone";
    }
  }
}
