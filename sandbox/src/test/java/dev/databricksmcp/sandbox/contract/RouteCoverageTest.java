package dev.databricksmcp.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.http.Router;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route the sandbox serves has a contract test, and every contract test names a route the
 * sandbox serves.
 *
 * <p>The routes are read from the running sandbox's own router ({@link Router#routes()}): whatever
 * an API module registers, under whatever wiring, is listed, so a new endpoint without a contract
 * test fails here. The contracts are the {@link Contract} annotations on the {@code @Test} methods
 * of this package, found by listing its compiled classes. The table of endpoints, tests and pages
 * is kept in {@code src/test/resources/contract/ENDPOINTS.md}; this test fails when it is out of
 * date, and rewrites it when run with {@code -Dcontract.update=true}.
 */
@ExtendWith(SharedSandbox.class)
class RouteCoverageTest {
  private static final String TABLE = "src/test/resources/contract/ENDPOINTS.md";

  /** A contract as found: the route it names, the test, the page it follows. */
  record Found(String route, String test, String doc) {}

  @Test
  void everyRouteHasAContractTestAndEveryContractARoute() throws Exception {
    Set<String> routes = new LinkedHashSet<>();
    for (Router.RouteSpec r : servedRoutes()) {
      routes.add(r.method() + " " + r.pattern());
    }
    List<Found> contracts = contracts();
    Set<String> covered = contracts.stream().map(Found::route).collect(Collectors.toSet());

    assertThat(routes).as("routes the sandbox serves").hasSizeGreaterThan(40);
    assertThat(routes)
        .as("routes without a contract test (add one, annotated @Contract, to this package)")
        .allMatch(covered::contains);
    assertThat(covered)
        .as("contracts naming a route the sandbox does not serve (a renamed or removed route?)")
        .allMatch(routes::contains);
    assertThat(contracts)
        .as("every contract cites its documentation page")
        .allMatch(c -> !c.doc().isBlank());
  }

  @Test
  void theEndpointTableIsUpToDate() throws Exception {
    String expected = table(servedRoutes(), contracts());
    Path file =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve(TABLE);
    if (Boolean.getBoolean("contract.update")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "")
        .as(
            TABLE
                + " is out of date: run ./mvnw -B -q -pl sandbox test"
                + " -Dtest=RouteCoverageTest -Dcontract.update=true and review the diff")
        .isEqualTo(expected);
  }

  /** The markdown table: one row per route, sorted by path and method. */
  static String table(List<Router.RouteSpec> routes, List<Found> contracts) {
    Map<String, List<Found>> byRoute = new TreeMap<>();
    contracts.forEach(c -> byRoute.computeIfAbsent(c.route(), k -> new ArrayList<>()).add(c));
    StringBuilder out =
        new StringBuilder(
            "# Sandbox endpoints and their contract tests\n\n"
                + "Written by `RouteCoverageTest` from the running sandbox's router and the"
                + " `@Contract` annotations\nof `sandbox/src/test/java/dev/databricksmcp/sandbox/"
                + "contract/`; update it with\n`./mvnw -B -q -pl sandbox test -Dtest=RouteCoverageTest"
                + " -Dcontract.update=true`.\n\n"
                + "| method | path | token | contract tests | documentation |\n"
                + "|---|---|---|---|---|\n");
    routes.stream()
        .sorted(
            Comparator.comparing(Router.RouteSpec::pattern).thenComparing(Router.RouteSpec::method))
        .forEach(
            r -> {
              List<Found> found = byRoute.getOrDefault(r.method() + " " + r.pattern(), List.of());
              out.append("| ")
                  .append(r.method())
                  .append(" | `")
                  .append(r.pattern())
                  .append("` | ")
                  .append(r.authenticated() ? "yes" : "no")
                  .append(" | ")
                  .append(
                      found.isEmpty()
                          ? "**none**"
                          : found.stream()
                              .map(Found::test)
                              .distinct()
                              .sorted()
                              .collect(Collectors.joining("<br>")))
                  .append(" | ")
                  .append(
                      found.stream()
                          .map(Found::doc)
                          .distinct()
                          .sorted()
                          .collect(Collectors.joining("<br>")))
                  .append(" |\n");
            });
    return out.toString();
  }

  /** The running sandbox's routes, as its router holds them. */
  static List<Router.RouteSpec> servedRoutes() {
    return SharedSandbox.sandbox().routes();
  }

  /** Every {@link Contract} on a {@code @Test} method of a class in this package. */
  static List<Found> contracts() throws IOException, URISyntaxException, ClassNotFoundException {
    Path dir =
        Path.of(RouteCoverageTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve(RouteCoverageTest.class.getPackageName().replace('.', '/'));
    List<String> classes;
    try (Stream<Path> files = Files.list(dir)) {
      classes =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".class") && !n.contains("$"))
              .map(n -> RouteCoverageTest.class.getPackageName() + "." + n.replace(".class", ""))
              .sorted()
              .toList();
    }
    List<Found> out = new ArrayList<>();
    for (String name : classes) {
      Class<?> type = Class.forName(name);
      for (Method m : type.getDeclaredMethods()) {
        Contract[] contracts = m.getAnnotationsByType(Contract.class);
        if (contracts.length > 0) {
          assertThat(m.isAnnotationPresent(Test.class))
              .as(type.getSimpleName() + "#" + m.getName() + " has @Contract but is no @Test")
              .isTrue();
        }
        for (Contract c : contracts) {
          out.add(new Found(c.value(), type.getSimpleName() + "#" + m.getName(), c.doc()));
        }
      }
    }
    return out;
  }
}
