package dev.databricksmcp.sandbox.commands;

import com.databricks.sdk.service.compute.Results;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.databricksmcp.sandbox.http.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A Python command, which is code running on the user's machine: refused with an error result
 * unless the sandbox was started with the opt-in ({@code --sandbox-python}); with it, run by {@link
 * PythonProcess} in a new local {@code python3} per command (no state carries from one command to
 * the next), {@code spark.sql(...)} running on the context's cluster as the caller.
 */
final class PythonCommands {
  static final String NOT_ENABLED =
      "Python commands are off in this sandbox: they would run code on this machine. Restart the"
          + " sandbox with --sandbox-python (SandboxOptions.withPythonCommands(true)) to run them"
          + " in a local python3.";

  private final boolean enabled;
  private final PythonProcess python;

  PythonCommands(boolean enabled, PythonProcess python) {
    this.enabled = enabled;
    this.python = python;
  }

  Results run(RunningCommand c) throws InterruptedException {
    if (!enabled) {
      return CommandResults.error("Python commands are not enabled", NOT_ENABLED);
    }
    PythonProcess.Ended ended;
    try {
      ended =
          python.run(
              new PythonProcess.Script(
                  c.caller,
                  c.text,
                  Map.of("SANDBOX_CLUSTER_ID", c.context.clusterId),
                  PythonProcess.MAX_SECONDS,
                  stop -> c.interrupt = stop::run));
    } catch (IOException e) {
      return CommandResults.error(
          "python3 could not be started",
          "The sandbox could not run python3 on this machine: " + e.getMessage());
    }
    if (ended.timedOut()) {
      return CommandResults.error(
          "Command timed out",
          "The command ran longer than " + PythonProcess.MAX_SECONDS + " seconds.");
    }
    if (!ended.succeeded()) {
      return CommandResults.error(ended.lastErrorLine(), ended.stderr());
    }
    String display = ended.outputs().get("display.json");
    return display == null ? CommandResults.text(ended.stdout()) : table(display);
  }

  private static Results table(String display) {
    Map<String, Object> shown;
    try {
      shown = Json.MAPPER.readValue(display, new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      return CommandResults.error("display() failed", "The displayed table could not be read.");
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> schema = (List<Map<String, Object>>) shown.get("schema");
    @SuppressWarnings("unchecked")
    List<List<Object>> data = (List<List<Object>>) shown.get("data");
    return CommandResults.table(schema, data, Boolean.TRUE.equals(shown.get("truncated")));
  }
}
