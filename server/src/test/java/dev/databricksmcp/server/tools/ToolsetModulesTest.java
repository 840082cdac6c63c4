package dev.databricksmcp.server.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.server.core.ModuleContext;
import dev.databricksmcp.server.core.ServerSettings;
import dev.databricksmcp.server.core.SharedServices;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolSelection;
import dev.databricksmcp.server.core.ToolsetModule;
import dev.databricksmcp.server.core.Toolsets;
import dev.databricksmcp.server.core.WriteListener;
import dev.databricksmcp.server.testing.SandboxFixture;
import dev.databricksmcp.server.testing.TestModule;
import dev.databricksmcp.server.tools.admin.AdminToolset;
import dev.databricksmcp.server.tools.catalog.CatalogToolset;
import dev.databricksmcp.server.tools.catalog.MetadataCache;
import dev.databricksmcp.server.tools.compute.ComputeToolset;
import dev.databricksmcp.server.tools.files.FilesToolset;
import dev.databricksmcp.server.tools.jobs.JobsToolset;
import dev.databricksmcp.server.tools.ml.MlToolset;
import dev.databricksmcp.server.tools.sql.SqlToolset;
import dev.databricksmcp.server.tools.workspace.WorkspaceToolset;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The toolsets are the modules of one services file, checked at start-up: no module without tools,
 * no duplicate ids or tool names, no tool declared in another module's toolset, and no module class
 * left out of the list.
 */
class ToolsetModulesTest {
  private static final ServerSettings DEFAULTS = ServerSettings.of(ToolSelection.defaults(), false);

  private static ToolDef tool(String toolset, String name) {
    return TestModule.tool(toolset, name, ToolHints.read());
  }

  @Test
  void theServerHasItsToolsetsInAStableOrderComputeJobsAndMlOffByDefault() {
    Toolsets toolsets = Toolsets.discovered();
    assertThat(toolsets.ids())
        .containsExactly(
            WorkspaceToolset.ID,
            AdminToolset.ID,
            dev.databricksmcp.server.tools.ai.AiToolset.ID,
            CatalogToolset.ID,
            ComputeToolset.ID,
            FilesToolset.ID,
            JobsToolset.ID,
            MlToolset.ID,
            SqlToolset.ID);
    assertThat(toolsets.defaults()).containsExactly("workspace", "catalog", "sql");
    assertThat(toolsets.byId(" Catalog ")).map(ToolsetModule::id).contains("catalog");
    assertThat(toolsets.resolve(List.of("sql"))).containsExactly("workspace", "sql");
    assertThat(toolsets.resolve(List.of("all")))
        .containsExactly(
            "workspace", "admin", "ai", "catalog", "compute", "files", "jobs", "ml", "sql");
  }

  @Test
  void aToolsetWithoutToolsIsRefused() {
    assertThatThrownBy(() -> Toolsets.discovered().resolve(List.of("no_such_toolset")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown toolset 'no_such_toolset'; valid toolsets: all, default, workspace, admin, ai,"
                + " catalog, compute, files, jobs, ml, sql");
  }

  @Test
  void aModuleWithNoToolsIsAnError() {
    Toolsets toolsets =
        new Toolsets(
            List.of(
                TestModule.alwaysOn("workspace", tool("workspace", "info")),
                TestModule.of("jobs", false)));
    assertThatThrownBy(() -> toolsets.inventory(DEFAULTS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("toolset 'jobs'")
        .hasMessageContaining("has no tools");
  }

  @Test
  void duplicateToolsetIdsAreAnError() {
    assertThatThrownBy(
            () ->
                new Toolsets(
                    List.of(
                        TestModule.of("catalog", true, tool("catalog", "a_tool")),
                        TestModule.of("catalog", false, tool("catalog", "b_tool")))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("duplicate toolset id 'catalog'");
  }

  @Test
  void reservedOrMalformedIdsAreAnError() {
    for (String id : List.of("all", "default", "Jobs", "")) {
      assertThatThrownBy(() -> new Toolsets(List.of(TestModule.of(id, false, tool(id, "x_tool")))))
          .as(id)
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void duplicateToolNamesAreAnError() {
    Toolsets toolsets =
        new Toolsets(
            List.of(
                TestModule.of("catalog", true, tool("catalog", "same_name")),
                TestModule.of("sql", true, tool("sql", "same_name"))));
    assertThatThrownBy(() -> toolsets.inventory(DEFAULTS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("duplicate tool name same_name in toolsets 'catalog' and 'sql'");
  }

  @Test
  void aToolDeclaredInAnotherModulesToolsetIsAnError() {
    Toolsets toolsets =
        new Toolsets(
            List.of(
                TestModule.of("catalog", true, tool("catalog", "list_x")),
                TestModule.of("sql", true, tool("catalog", "run_x"))));
    assertThatThrownBy(() -> toolsets.inventory(DEFAULTS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "tool run_x is declared in toolset 'catalog' but comes from module 'sql'");
  }

  /** A shared service that listens for writes. */
  static final class Listening implements WriteListener {
    int heard;

    @Override
    public void afterWrite(ToolDef tool) {
      heard++;
    }
  }

  @Test
  void modulesAskingForTheSameTypeShareOneInstanceAndListenersAreRegistered() {
    List<Object> seen = new ArrayList<>();
    java.util.function.Function<ModuleContext, List<ToolDef>> asks =
        ctx -> {
          seen.add(ctx.shared(Listening.class, Listening::new));
          return List.of();
        };
    SharedServices services = new SharedServices();
    new Toolsets(
            List.of(
                new TestModule(
                    "one", true, false, ctx -> concat(asks.apply(ctx), tool("one", "one_tool"))),
                new TestModule(
                    "two", true, false, ctx -> concat(asks.apply(ctx), tool("two", "two_tool")))))
        .inventory(DEFAULTS, services);
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).isSameAs(seen.get(1));
    assertThat(services.writeListeners()).containsExactly((Listening) seen.get(0));

    services.afterWrite(tool("one", "one_tool"));
    assertThat(((Listening) seen.get(0)).heard).isEqualTo(1);
  }

  @Test
  void theCatalogCacheIsOneSharedWriteListener() {
    SharedServices services = new SharedServices();
    Toolsets.discovered().inventory(DEFAULTS, services);
    MetadataCache cache = services.find(MetadataCache.class).orElseThrow();
    assertThat(services.writeListeners()).containsExactly(cache);
  }

  private static List<ToolDef> concat(List<ToolDef> tools, ToolDef more) {
    List<ToolDef> out = new ArrayList<>(tools);
    out.add(more);
    return out;
  }

  @Test
  void everyModuleClassIsListedInTheServicesFile() throws Exception {
    Set<String> listed = new TreeSet<>();
    Collections.list(ToolsetModule.class.getClassLoader().getResources(Toolsets.SERVICES_FILE))
        .forEach(url -> listed.addAll(servicesLines(url)));
    Set<String> loaded = new TreeSet<>();
    Toolsets.discovered().all().forEach(m -> loaded.add(m.getClass().getName()));

    assertThat(moduleClassesInTheBuild())
        .as("every ToolsetModule in the server's classes is in " + Toolsets.SERVICES_FILE)
        .isEqualTo(listed)
        .isEqualTo(loaded);
  }

  private static List<String> servicesLines(URL url) {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(l -> l.replaceAll("#.*", "").trim())
          .filter(l -> !l.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Concrete ToolsetModule classes among the compiled main classes (not the tests'). */
  private static Set<String> moduleClassesInTheBuild() throws IOException, URISyntaxException {
    Path root =
        Path.of(ToolsetModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(root).as("the server's classes are a directory in unit tests").isDirectory();
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
        name = name.substring(0, name.length() - ".class".length());
        Class<?> c;
        try {
          c = Class.forName(name, false, ToolsetModule.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        if (ToolsetModule.class.isAssignableFrom(c)
            && !c.isInterface()
            && !Modifier.isAbstract(c.getModifiers())) {
          found.add(c.getName());
        }
      }
    }
    assertThat(found).isNotEmpty();
    return found;
  }

  @Test
  void getWorkspaceInfoReportsOnlyRealToolsets() {
    try (SandboxFixture fx = new SandboxFixture()) {
      Map<String, Object> info = SandboxFixture.data(fx.call("get_workspace_info", Map.of()));
      assertThat(info.get("enabled_toolsets"))
          .isEqualTo(
              List.of(
                  "workspace", "admin", "ai", "catalog", "compute", "files", "jobs", "ml", "sql"));
    }
  }
}
