package dev.databricksmcp.sandbox.pipelines;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.auth.Principal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the tables a deleted pipeline published, as Databricks cascades a pipeline's deletion to
 * its datasets (DELETE's {@code cascade}, true by default): each a DROP TABLE run as the pipeline's
 * owner.
 */
final class TableCascade {
  private static final Logger LOG = LoggerFactory.getLogger(TableCascade.class);

  private final FlowStatements statements;
  private final Identities identities;

  TableCascade(FlowStatements statements, Identities identities) {
    this.statements = statements;
    this.identities = identities;
  }

  void drop(PipelineRecord p, List<String> tables) {
    Principal owner = identities.byUserName().get(p.pipeline.getRunAsUserName());
    if (owner == null) {
      return;
    }
    for (String table : tables) {
      try {
        String err = statements.run(owner, "DROP TABLE IF EXISTS " + table, null, null, c -> {});
        if (err != null) {
          LOG.debug("could not drop {} of pipeline {}: {}", table, p.id(), err);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
