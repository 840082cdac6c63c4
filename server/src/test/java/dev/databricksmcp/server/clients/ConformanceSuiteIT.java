package dev.databricksmcp.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The MCP conformance suite (@modelcontextprotocol/conformance, Node 22) against our Streamable
 * HTTP endpoint on the sandbox, with the suite's fixture tools, prompts and resources registered
 * through our own inventory. Every server scenario, pending ones included, must pass except the
 * committed, explained baseline.
 */
class ConformanceSuiteIT {
  private static final Pattern SCENARIO =
      Pattern.compile("^([✓✗]) ([a-z0-9-]+): (\\d+) passed, (\\d+) failed", Pattern.MULTILINE);
  private static final Pattern TOTAL =
      Pattern.compile("^Total: (\\d+) passed, (\\d+) failed", Pattern.MULTILINE);

  @Test
  void everyServerScenarioPassesOverStreamableHttp() throws Exception {
    String node = NodeClients.ensureInstalled();
    Path baseline = NodeClients.DIR.resolve("conformance-expected-failures.yml");
    Path results = Path.of("target", "conformance").toAbsolutePath();
    try (FixtureServer server = new FixtureServer()) {
      NodeClients.Run run =
          NodeClients.run(
              List.of(
                  node,
                  "node_modules/@modelcontextprotocol/conformance/dist/index.js",
                  "server",
                  "--suite",
                  "all",
                  "--url",
                  server.url(),
                  "--expected-failures",
                  baseline.toString(),
                  "-o",
                  results.toString()),
              Map.of(),
              Duration.ofMinutes(10),
              "conformance");

      Map<String, Boolean> scenarios = new LinkedHashMap<>();
      Matcher m = SCENARIO.matcher(run.output());
      while (m.find()) {
        scenarios.put(m.group(2), m.group(1).equals("✓") && m.group(4).equals("0"));
      }
      List<String> expectedFailures = expectedFailures(baseline);
      assertThat(scenarios)
          .as("scenarios the suite reported")
          .hasSizeGreaterThanOrEqualTo(32)
          .containsKeys(
              "server-initialize",
              "tools-list",
              "tools-call-with-progress",
              "tools-call-elicitation",
              "tools-call-error",
              "logging-set-level",
              "server-sse-multiple-streams",
              "dns-rebinding-protection",
              "json-schema-2020-12",
              "server-sse-polling");
      scenarios.forEach(
          (name, passed) -> {
            if (!expectedFailures.contains(name)) {
              assertThat(passed).as("conformance scenario %s", name).isTrue();
            }
          });
      Matcher total = TOTAL.matcher(run.output());
      assertThat(total.find()).as("the suite's summary line").isTrue();
      System.out.println(
          "conformance: " + total.group(0) + " (expected failures: " + expectedFailures + ")");
      assertThat(run.exitCode())
          .as("the suite's exit code (unexpected failures or stale baseline entries)")
          .isZero();
    }
  }

  /** The scenario names under {@code server:} in the baseline file. */
  private static List<String> expectedFailures(Path baseline) throws Exception {
    return Files.readAllLines(baseline).stream()
        .map(String::strip)
        .filter(line -> line.startsWith("- "))
        .map(line -> line.substring(2).replaceFirst("\\s*#.*$", "").strip())
        .toList();
  }
}
