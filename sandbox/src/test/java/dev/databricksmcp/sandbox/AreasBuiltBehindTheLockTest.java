package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.service.catalog.GetCatalogRequest;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.engine.Sql;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.sandbox.sql.WarehousesApi;
import dev.databricksmcp.sandbox.state.SandboxState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * API areas are built after DuckDB is locked (SECURITY.md, "Second wall"), so an area — today's or
 * one added later — cannot take the walls down: not by changing DuckDB's settings, not by reaching
 * files, not by registering an engine of its own in place of the locked one.
 */
@Timeout(120)
class AreasBuiltBehindTheLockTest {
  @TempDir Path outside;

  /** What each attempt answered: DuckDB's or the registry's refusal, or "done" when it worked. */
  private final Map<String, String> attempts = new LinkedHashMap<>();

  private void attempt(String what, Runnable action) {
    try {
      action.run();
      attempts.put(what, "done");
    } catch (RuntimeException e) {
      attempts.put(what, e.getMessage());
    }
  }

  private ApiArea tryingToUnlock() {
    return registry -> {
      DuckDbEngine engine = registry.get(DuckDbEngine.class);
      attempt("external access on", () -> Sql.exec(engine, "SET enable_external_access = true"));
      attempt("unlock", () -> Sql.exec(engine, "SET lock_configuration = false"));
      attempt("open every directory", () -> Sql.exec(engine, "SET allowed_directories = ['/']"));
      attempt(
          "write a file",
          () -> Sql.exec(engine, "COPY (SELECT 1 AS x) TO '" + outside.resolve("x.csv") + "'"));
      attempt(
          "attach a file",
          () -> Sql.exec(engine, "ATTACH '" + outside.resolve("other.duckdb") + "' AS other_db"));
      DuckDbEngine unlocked = DuckDbEngine.open(null);
      attempt("replace the engine", () -> registry.register(unlocked));
      unlocked.close();
      return router -> {};
    };
  }

  @Test
  void anAreaCannotUnlockDuckDb() throws Exception {
    List<ApiArea> areas = new ArrayList<>(ApiAreas.discovered());
    areas.add(tryingToUnlock());
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.inMemory(), areas)) {
      assertThat(attempts)
          .containsOnlyKeys(
              "external access on",
              "unlock",
              "open every directory",
              "write a file",
              "attach a file",
              "replace the engine");
      assertThat(attempts.get("external access on")).contains("the configuration has been locked");
      assertThat(attempts.get("unlock")).contains("the configuration has been locked");
      assertThat(attempts.get("open every directory"))
          .contains("the configuration has been locked");
      assertThat(attempts.get("write a file")).contains("Permission Error");
      assertThat(attempts.get("attach a file")).contains("Permission Error");
      assertThat(attempts.get("replace the engine")).contains("DuckDbEngine is already registered");
      assertThat(
              Sql.query(sandbox.engine(), "SELECT current_setting('enable_external_access') AS v")
                  .get(0)
                  .get("v"))
          .isEqualTo(false);
      try (var files = Files.list(outside)) {
        assertThat(files).isEmpty();
      }
      // and the sandbox itself still serves
      assertThat(
              SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN)
                  .catalogs()
                  .get(new GetCatalogRequest().setName("main"))
                  .getName())
          .isEqualTo("main");
    }
  }

  @Test
  void aStartThatFailsInAnAreaClosesWhatWasRegistered() {
    AtomicBoolean ownStateClosed = new AtomicBoolean();
    DuckDbEngine[] engine = new DuckDbEngine[1];
    ApiArea failing =
        registry -> {
          engine[0] = registry.get(DuckDbEngine.class);
          registry.register(
              new SandboxState() {
                @Override
                public void close() {
                  ownStateClosed.set(true);
                }
              });
          throw new IllegalStateException("this area cannot be built");
        };
    List<ApiArea> areas = new ArrayList<>(ApiAreas.discovered());
    areas.add(failing);
    assertThatThrownBy(() -> Sandbox.start(SandboxOptions.inMemory(), areas))
        .hasMessage("this area cannot be built");
    assertThat(ownStateClosed).isTrue();
    assertThatThrownBy(() -> engine[0].connect())
        .as("DuckDB is closed too")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anAreaListedBeforeTheStateItNeedsIsToldWhichOne() {
    ApiArea early = registry -> new WarehousesApi(registry.get(Warehouses.class));
    List<ApiArea> areas = new ArrayList<>();
    areas.add(early);
    areas.addAll(ApiAreas.discovered());
    assertThatThrownBy(() -> Sandbox.start(SandboxOptions.inMemory(), areas))
        .hasMessageContaining("Warehouses is not registered");
  }
}
