package dev.databricksmcp.sandbox;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.data.WorkspaceSetup;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.events.StatementLog;
import dev.databricksmcp.sandbox.events.SystemTablesFeed;
import dev.databricksmcp.sandbox.faults.FaultInjector;
import dev.databricksmcp.sandbox.http.RequestLog;
import dev.databricksmcp.sandbox.http.SandboxUrl;
import dev.databricksmcp.sandbox.permissions.ObjectAcls;
import dev.databricksmcp.sandbox.state.StateRegistry;
import dev.databricksmcp.sandbox.uc.DropCascade;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.nio.file.Path;

/**
 * The state every API area builds on, registered before any area and before DuckDB is locked: the
 * engine and what the sandbox itself puts in it (catalogs, sample data, system tables), the
 * identities and the object ACLs every area with objects checks, the metastore and its grants, the
 * statement log that feeds the system tables, and what the HTTP front keeps (request log, faults,
 * its URL).
 */
final class CoreState {
  private CoreState() {}

  static void register(StateRegistry registry) {
    Path dataDir = registry.options().dataDir();
    DuckDbEngine engine = registry.register(DuckDbEngine.open(dataDir));
    Identities identities = registry.register(new Identities());
    registry.register(new ObjectAcls(identities));
    Metastore metastore =
        registry.register(new Metastore(engine, dataDir, new DropCascade(registry)));
    registry.register(new Grants(metastore));
    WorkspaceSetup.create(engine, metastore, dataDir);
    StatementLog statementLog = registry.register(new StatementLog());
    SystemTablesFeed.attach(statementLog, engine, Metastore.METASTORE_ID);
    registry.register(new RequestLog());
    registry.register(new FaultInjector(42));
    registry.register(new SandboxUrl());
  }
}
