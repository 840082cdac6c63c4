package dev.databricksmcp.server.tools.ml;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.catalog.GetByAliasRequest;
import com.databricks.sdk.service.catalog.GetModelVersionRequest;
import com.databricks.sdk.service.catalog.GetRegisteredModelRequest;
import com.databricks.sdk.service.catalog.ListModelVersionsRequest;
import com.databricks.sdk.service.catalog.ModelVersionInfo;
import com.databricks.sdk.service.catalog.RegisteredModelAlias;
import com.databricks.sdk.service.catalog.RegisteredModelInfo;
import dev.databricksmcp.server.core.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

/** The reads the model tools share: a model with its aliases, its versions, one version. */
final class ModelCalls {
  /** The most versions read to count and rank a model's versions (10 pages of 100). */
  static final int VERSIONS_READ = 1000;

  private ModelCalls() {}

  /** The model with its aliases. */
  static RegisteredModelInfo model(WorkspaceClient w, String fullName) {
    return w.registeredModels()
        .get(
            new GetRegisteredModelRequest()
                .setFullName(Names.path(fullName))
                .setIncludeAliases(true));
  }

  /**
   * Every version of a model (up to {@link #VERSIONS_READ}), the newest first, each with the
   * aliases the model gives it: the list's order is not documented, nor whether it carries aliases.
   */
  static List<ModelVersionInfo> versions(WorkspaceClient w, RegisteredModelInfo m) {
    List<ModelVersionInfo> out =
        new ArrayList<>(
            StreamSupport.stream(
                    w.modelVersions()
                        .list(
                            new ListModelVersionsRequest()
                                .setFullName(Names.path(m.getFullName()))
                                .setMaxResults(100L))
                        .spliterator(),
                    false)
                .limit(VERSIONS_READ)
                .toList());
    out.sort(Comparator.comparing(ModelVersionInfo::getVersion).reversed());
    out.forEach(v -> withAliases(v, m.getAliases()));
    return out;
  }

  /** One version by number, or by alias when {@code ref} is '@alias', with its aliases. */
  static ModelVersionInfo version(WorkspaceClient w, String fullName, String ref) {
    if (ModelParams.isAlias(ref)) {
      return w.modelVersions()
          .getByAlias(
              new GetByAliasRequest()
                  .setFullName(Names.path(fullName))
                  .setAlias(ref.substring(1))
                  .setIncludeAliases(true));
    }
    return w.modelVersions()
        .get(
            new GetModelVersionRequest()
                .setFullName(Names.path(fullName))
                .setVersion(Long.parseLong(ref))
                .setIncludeAliases(true));
  }

  /** Sets on a version the aliases of its model that point to it. */
  static ModelVersionInfo withAliases(ModelVersionInfo v, Collection<RegisteredModelAlias> all) {
    if (all != null) {
      v.setAliases(all.stream().filter(a -> v.getVersion().equals(a.getVersionNum())).toList());
    }
    return v;
  }
}
