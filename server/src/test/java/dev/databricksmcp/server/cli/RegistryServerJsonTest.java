package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.mcp.ServerInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository's server.json, as the MCP registry checks it: valid against the registry's
 * published schema (a copy in test resources, see its README), and true to this product: its
 * version, and environment variables the server really reads with the defaults it really has.
 */
class RegistryServerJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Schema schema;
  private static JsonNode schemaDocument;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in = resource()) {
      schemaDocument = JSON.readTree(in);
    }
    try (InputStream in = resource()) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
  }

  @Test
  void serverJsonIsValidAgainstTheRegistrySchemaItNames() throws IOException {
    JsonNode server = serverJson();

    assertThat(schema.validate(server)).isEmpty();
    assertThat(server.path("$schema").asText()).isEqualTo(schemaDocument.path("$id").asText());
  }

  @Test
  void theValidatorRefusesWhatTheRegistryWould() throws IOException {
    ObjectNode noDescription = (ObjectNode) serverJson();
    noDescription.remove("description");
    ObjectNode badName = (ObjectNode) serverJson();
    badName.put("name", "databricks-mcp");
    ObjectNode noTransport = (ObjectNode) serverJson();
    ((ObjectNode) noTransport.path("packages").get(0)).remove("transport");

    assertThat(messages(schema.validate(noDescription))).anyMatch(m -> m.contains("description"));
    assertThat(messages(schema.validate(badName)))
        .anyMatch(m -> m.contains("name") && m.contains("pattern"));
    assertThat(schema.validate(noTransport)).isNotEmpty();
  }

  @Test
  void versionIsTheServersAndTheImageTagFollowsIt() throws IOException {
    JsonNode server = serverJson();
    String release = ServerInfo.version().replace("-SNAPSHOT", "");

    assertThat(server.path("version").asText()).isEqualTo(release);
    for (JsonNode pkg : server.path("packages")) {
      assertThat(pkg.path("identifier").asText()).endsWith(":" + release);
    }
  }

  @Test
  void environmentVariablesAreOnesTheServerReadsWithItsDefaults() throws IOException {
    for (JsonNode pkg : serverJson().path("packages")) {
      for (JsonNode variable : pkg.path("environmentVariables")) {
        String name = variable.path("name").asText();
        assertThat(DeployOptionNames.environmentVariables()).contains(name);
        if (name.equals("DATABRICKS_MCP_TOOLSETS")) {
          assertThat(variable.path("default").asText())
              .isEqualTo(String.join(",", Toolsets.discovered().defaults()));
        } else if (variable.has("default")) {
          OptionSpec spec =
              CommonOptions.SPECS.stream()
                  .filter(s -> name.equals(s.env()))
                  .findFirst()
                  .orElseThrow();
          assertThat(variable.path("default").asText()).isEqualTo(spec.defaultValue());
        }
      }
    }
  }

  /** Where each error is, and what it says. */
  private static List<String> messages(List<Error> errors) {
    return errors.stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList();
  }

  private static JsonNode serverJson() throws IOException {
    return JSON.readTree(Path.of("..", "server.json").toFile());
  }

  private static InputStream resource() {
    return RegistryServerJsonTest.class.getResourceAsStream("/registry/server.schema.json");
  }
}
