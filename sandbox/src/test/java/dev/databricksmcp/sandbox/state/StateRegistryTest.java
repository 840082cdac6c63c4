package dev.databricksmcp.sandbox.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.databricksmcp.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's own rules, without a sandbox around it. */
class StateRegistryTest {
  private final List<String> closed = new ArrayList<>();

  /** A state that notes when it is closed. */
  private final class Pool implements SandboxState {
    @Override
    public void close() {
      closed.add("pool");
    }
  }

  private final class Engine implements SandboxState {
    @Override
    public void close() {
      closed.add("engine");
    }
  }

  /** A persistent state holding one string. */
  private static final class Notes implements PersistentState {
    String text = "";

    @Override
    public String persistenceName() {
      return "notes";
    }

    @Override
    public JsonNode save() {
      return TextNode.valueOf(text);
    }

    @Override
    public void restore(JsonNode saved) {
      text = saved.asText();
    }
  }

  /** A second class persisting under the same name. */
  private static final class OtherNotes implements PersistentState {
    @Override
    public String persistenceName() {
      return "notes";
    }

    @Override
    public JsonNode save() {
      return TextNode.valueOf("");
    }

    @Override
    public void restore(JsonNode saved) {}
  }

  private static StateRegistry inMemory() {
    return new StateRegistry(SandboxOptions.inMemory());
  }

  @Test
  void aStateIsRegisteredOnce() {
    StateRegistry registry = inMemory();
    Engine first = registry.register(new Engine());
    assertThatThrownBy(() -> registry.register(new Engine()))
        .hasMessageContaining("Engine is already registered");
    assertThat(registry.get(Engine.class)).isSameAs(first);
  }

  @Test
  void aMissingStateIsNamedWithWhereToRegisterIt() {
    assertThatThrownBy(() -> inMemory().get(Engine.class))
        .hasMessageContaining("Engine is not registered")
        .hasMessageContaining("ApiArea.needs()");
  }

  @Test
  void statesCloseOnceLatestFirst() {
    StateRegistry registry = inMemory();
    registry.register(new Engine());
    registry.register(new Pool());
    registry.close();
    registry.close();
    assertThat(closed).containsExactly("pool", "engine");
    assertThatThrownBy(() -> registry.register(new Notes())).hasMessageContaining("stopping");
  }

  @Test
  void aFailingCloseDoesNotKeepTheOthersOpen() {
    StateRegistry registry = inMemory();
    registry.register(new Engine());
    registry.register(
        new SandboxState() {
          @Override
          public void close() {
            throw new IllegalStateException("cannot stop");
          }
        });
    assertThatThrownBy(registry::close).hasMessage("cannot stop");
    assertThat(closed).containsExactly("engine");
  }

  @Test
  void twoStatesMayNotPersistUnderOneName() {
    StateRegistry registry = inMemory();
    registry.register(new Notes());
    assertThatThrownBy(() -> registry.register(new OtherNotes()))
        .hasMessageContaining("already persists as 'notes'");
  }

  @Test
  void persistentStateIsSavedAtStopAndTakenBackOnceAtTheNextStart(@TempDir Path dir) {
    StateRegistry first = new StateRegistry(new SandboxOptions(0, dir));
    first.register(new Notes()).text = "kept";
    first.close();
    Path document = dir.resolve("state/notes.json");
    assertThat(document).exists();

    StateRegistry second = new StateRegistry(new SandboxOptions(0, dir));
    assertThat(second.register(new Notes()).text).isEqualTo("kept");
    // taken: a run that dies now must not bring back what it may since have dropped
    assertThat(document).doesNotExist();
    second.close();
    assertThat(document).exists();
  }

  @Test
  void anUnreadableDocumentStopsTheStartAndStaysForTheUser(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("state"));
    Files.writeString(dir.resolve("state/notes.json"), "{not json");
    StateRegistry registry = new StateRegistry(new SandboxOptions(0, dir));
    assertThatThrownBy(() -> registry.register(new Notes()))
        .hasMessageContaining("state/notes.json")
        .hasMessageContaining("move it away");
    assertThat(dir.resolve("state/notes.json")).exists();
  }
}
