package dev.databricksmcp.sandbox;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.events.StatementLog;
import dev.databricksmcp.sandbox.sql.Warehouses;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.util.function.Supplier;

/** The shared services every API module of the sandbox is built from. */
/**
 * @param host the sandbox's own URL, known once it listens (for discovery documents)
 */
public record SandboxContext(
    DuckDbEngine engine,
    Identities identities,
    StatementLog statementLog,
    Supplier<String> host,
    Metastore metastore,
    Warehouses warehouses,
    Grants grants) {}
