package dev.databricksmcp.sandbox.uc;

import com.databricks.sdk.service.catalog.RegisteredModelInfo;
import dev.databricksmcp.sandbox.auth.Identities;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The registered model a new sandbox holds, so that "which version is @champion?" has an answer
 * from the start: three READY versions, the second the champion, the third the challenger.
 */
public final class SampleModels {
  /** A sample model: its full name, comment, version comments (1, 2, …) and aliases. */
  public record SampleModel(
      String fullName, String comment, List<String> versionComments, Map<String, Long> aliases) {}

  public static final SampleModel CHURN =
      new SampleModel(
          "main.default.churn_model",
          "Predicts which customers will cancel next month (gradient-boosted trees)",
          List.of(
              "Baseline: logistic regression on tenure and plan",
              "Gradient-boosted trees with usage features",
              "Gradient-boosted trees retrained on the last quarter"),
          Map.of("champion", 2L, "challenger", 3L));

  /** Every sample model. */
  public static final List<SampleModel> ALL = List.of(CHURN);

  /** The sample models' MLflow experiment id, as it appears in their versions' source. */
  private static final String EXPERIMENT_ID = "1598675374271212";

  private static final Instant CREATED = Instant.parse("2026-01-05T09:00:00Z");

  private SampleModels() {}

  static void addTo(RegisteredModels models) {
    ALL.forEach(m -> add(models, m));
  }

  private static void add(RegisteredModels models, SampleModel m) {
    String[] p = m.fullName().split("\\.");
    String admin = Identities.ADMIN.userName();
    long at = CREATED.toEpochMilli();
    models.add(
        new RegisteredModelInfo()
            .setName(p[2])
            .setCatalogName(p[0])
            .setSchemaName(p[1])
            .setFullName(m.fullName())
            .setComment(m.comment())
            .setOwner(admin)
            .setCreatedBy(admin)
            .setCreatedAt(at)
            .setUpdatedBy(admin)
            .setUpdatedAt(at)
            .setMetastoreId(Metastore.METASTORE_ID)
            .setStorageLocation(
                "s3://sandbox-metastore/" + Metastore.METASTORE_ID + "/models/" + m.fullName()));
    for (int i = 0; i < m.versionComments().size(); i++) {
      // one MLflow run per version, with a fixed id so that the sample reads the same every time
      String runId = String.format("%032x", 0x5eed00L + i + 1);
      models.addVersion(
          m.fullName(),
          "dbfs:/databricks/mlflow-tracking/" + EXPERIMENT_ID + "/" + runId + "/artifacts/model",
          runId,
          m.versionComments().get(i),
          admin,
          at + (i + 1) * 86_400_000L);
    }
    m.aliases().forEach((alias, version) -> models.setAlias(m.fullName(), alias, version));
  }
}
