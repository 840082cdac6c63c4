package dev.databricksmcp.server.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Paths become endpoint templates with no name or id left in them, and every route the sandbox
 * serves (its contract table, itself checked against the sandbox's router) is a known template.
 */
class ApiPathTemplatesTest {
  private static final Path ENDPOINTS =
      Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
          .resolve("../sandbox/src/test/resources/contract/ENDPOINTS.md");
  private static final Pattern ROW = Pattern.compile("^\\| [A-Z]+ \\| `([^`]+)`");

  @Test
  void namesAndIdsBecomeTheirPlaceholders() {
    assertThat(ApiPathTemplates.template("/api/2.1/unity-catalog/tables/main.default.trips"))
        .isEqualTo("/api/2.1/unity-catalog/tables/{full_name}");
    assertThat(ApiPathTemplates.template("/api/2.1/unity-catalog/tables/a.b.c%3Fx/exists"))
        .isEqualTo("/api/2.1/unity-catalog/tables/{full_name}/exists");
    assertThat(ApiPathTemplates.template("/api/2.0/sql/statements/01ef-abc/result/chunks/3"))
        .isEqualTo("/api/2.0/sql/statements/{id}/result/chunks/{index}");
    assertThat(ApiPathTemplates.template("/api/2.0/fs/files/Volumes/main/default/v/a/b.csv"))
        .isEqualTo("/api/2.0/fs/files/{file_path*}");
    assertThat(ApiPathTemplates.template("/api/2.0/preview/scim/v2/Users/1234"))
        .isEqualTo("/api/2.0/preview/scim/v2/Users/{id}");
  }

  @Test
  void literalEndpointsWinOverPlaceholdersAtTheSameLevel() {
    assertThat(ApiPathTemplates.template("/api/2.1/unity-catalog/tables"))
        .isEqualTo("/api/2.1/unity-catalog/tables");
    assertThat(ApiPathTemplates.template("/api/2.0/sql/warehouses/abc/start"))
        .isEqualTo("/api/2.0/sql/warehouses/{id}/start");
  }

  @Test
  void anUnknownPathKeepsOnlyItsApiAndAnythingElseIsOther() {
    assertThat(ApiPathTemplates.template("/api/2.0/brand-new/secret-name/more"))
        .isEqualTo("/api/2.0/brand-new/…");
    assertThat(ApiPathTemplates.template("/api/2.0/brand-new")).isEqualTo("/api/2.0/brand-new");
    assertThat(ApiPathTemplates.template("/api/2.0/Users%20Named/x")).isEqualTo("other");
    assertThat(ApiPathTemplates.template("/some/user.name@example.com")).isEqualTo("other");
    assertThat(ApiPathTemplates.template("")).isEqualTo("other");
  }

  @Test
  void everySandboxRouteIsAKnownTemplate() throws Exception {
    List<String> routes =
        Files.readAllLines(ENDPOINTS).stream()
            .map(ROW::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .distinct()
            .toList();
    assertThat(routes).as("routes read from " + ENDPOINTS).hasSizeGreaterThan(150);
    for (String route : routes) {
      assertThat(ApiPathTemplates.template(route))
          .as(
              route
                  + " is served by the sandbox but missing from server/src/main/resources/"
                  + "databricks-api-paths.txt")
          .isEqualTo(route);
    }
  }
}
