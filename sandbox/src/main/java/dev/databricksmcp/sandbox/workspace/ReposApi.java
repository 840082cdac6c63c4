package dev.databricksmcp.sandbox.workspace;

import com.databricks.sdk.service.workspace.CreateRepoRequest;
import com.databricks.sdk.service.workspace.CreateRepoResponse;
import com.databricks.sdk.service.workspace.GetRepoResponse;
import com.databricks.sdk.service.workspace.ListReposResponse;
import com.databricks.sdk.service.workspace.RepoInfo;
import com.databricks.sdk.service.workspace.UpdateRepoRequest;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.PageTokens;
import dev.databricksmcp.sandbox.http.Router;
import java.util.Map;

/**
 * The Repos API 2.0 (https://docs.databricks.com/api/repos/v1/repo.md): create, list, get, update
 * (branch, tag, sparse checkout) and delete of Git folders, kept by {@link GitFolders}.
 */
public final class ReposApi implements ApiModule {
  private static final String BASE = "/api/2.0/repos";

  private final GitFolders repos;

  public ReposApi(GitFolders repos) {
    this.repos = repos;
  }

  @Override
  public void register(Router router) {
    router.post(BASE, this::create);
    router.get(BASE, this::list);
    router.get(BASE + "/{repo_id}", r -> getResponse(repos.get(r.principal(), id(r))));
    router.patch(
        BASE + "/{repo_id}",
        r -> {
          repos.update(r.principal(), id(r), r.bodyAs(UpdateRepoRequest.class));
          return Map.of();
        });
    router.delete(
        BASE + "/{repo_id}",
        r -> {
          repos.delete(r.principal(), id(r));
          return Map.of();
        });
  }

  private Object create(ApiRequest r) {
    RepoInfo made = repos.create(r.principal(), r.bodyAs(CreateRepoRequest.class));
    return new CreateRepoResponse()
        .setId(made.getId())
        .setPath(made.getPath())
        .setUrl(made.getUrl())
        .setProvider(made.getProvider())
        .setBranch(made.getBranch())
        .setHeadCommitId(made.getHeadCommitId())
        .setSparseCheckout(made.getSparseCheckout());
  }

  private Object list(ApiRequest r) {
    int offset =
        r.queryParam("next_page_token").filter(t -> !t.isEmpty()).map(PageTokens::offset).orElse(0);
    GitFolders.Page page =
        repos.list(r.principal(), r.queryParam("path_prefix").orElse(null), offset);
    return new ListReposResponse()
        .setRepos(page.repos().isEmpty() ? null : page.repos())
        .setNextPageToken(page.nextPageToken());
  }

  private static GetRepoResponse getResponse(RepoInfo info) {
    return new GetRepoResponse()
        .setId(info.getId())
        .setPath(info.getPath())
        .setUrl(info.getUrl())
        .setProvider(info.getProvider())
        .setBranch(info.getBranch())
        .setHeadCommitId(info.getHeadCommitId())
        .setSparseCheckout(info.getSparseCheckout());
  }

  private static long id(ApiRequest r) {
    String raw = r.pathVar("repo_id");
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiException.invalid("Invalid repo id: " + raw);
    }
  }
}
