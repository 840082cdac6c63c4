package dev.databricksmcp.sandbox.engine;

import dev.databricksmcp.sandbox.state.SandboxState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * The one DuckDB database behind SQL and Unity Catalog. In memory by default; in a directory when
 * the sandbox is asked to keep its state. Each caller gets its own connection (a cheap duplicate of
 * the root one), because a DuckDB connection is not meant to be shared across threads.
 */
public final class DuckDbEngine implements AutoCloseable, SandboxState {
  private final DuckDBConnection root;
  private final CatalogReads catalogReads = new CatalogReads(this);

  private DuckDbEngine(DuckDBConnection root) {
    this.root = root;
  }

  /** The catalog queries Unity Catalog reads make, kept until the catalog may have changed. */
  public CatalogReads catalogReads() {
    return catalogReads;
  }

  /** Opens an in-memory database, or {@code dataDir/sandbox.duckdb} when dataDir is given. */
  public static DuckDbEngine open(Path dataDir) {
    String url =
        dataDir == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + dataDir.resolve("sandbox.duckdb");
    try {
      if (dataDir != null) {
        java.nio.file.Files.createDirectories(dataDir);
      }
      Properties props = new Properties();
      return new DuckDbEngine((DuckDBConnection) DriverManager.getConnection(url, props));
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException(
          "cannot open the sandbox's DuckDB database: " + e.getMessage(), e);
    }
  }

  /** A new connection to the same database; the caller closes it. */
  public Connection connect() {
    try {
      return root.duplicate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open a DuckDB connection: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      root.close();
    } catch (SQLException ignored) {
      // closing on shutdown: nothing left to do with the error
    }
  }
}
