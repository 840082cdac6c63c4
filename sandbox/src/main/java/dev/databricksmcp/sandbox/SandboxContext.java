package dev.databricksmcp.sandbox;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.engine.DuckDbEngine;
import dev.databricksmcp.sandbox.events.StatementLog;

/** The shared services every API module of the sandbox is built from. */
public record SandboxContext(DuckDbEngine engine, Identities identities, StatementLog statementLog) {}
