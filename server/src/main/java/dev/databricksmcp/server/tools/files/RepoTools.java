package dev.databricksmcp.server.tools.files;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.workspace.CreateRepoRequest;
import com.databricks.sdk.service.workspace.CreateRepoResponse;
import com.databricks.sdk.service.workspace.GetRepoResponse;
import com.databricks.sdk.service.workspace.ListReposRequest;
import com.databricks.sdk.service.workspace.ListReposResponse;
import com.databricks.sdk.service.workspace.ObjectInfo;
import com.databricks.sdk.service.workspace.ObjectType;
import com.databricks.sdk.service.workspace.RepoInfo;
import com.databricks.sdk.service.workspace.UpdateRepoRequest;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.ConfirmationTarget;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.ToolException;
import dev.databricksmcp.server.core.ToolHints;
import dev.databricksmcp.server.core.ToolResult;
import dev.databricksmcp.server.core.patterns.Deletion;
import dev.databricksmcp.server.core.patterns.Listing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Git folders (the Repos API, https://docs.databricks.com/api/repos/v1/repo.md): list, get, create
 * (clone), update (check out a branch or tag; the same branch pulls), delete.
 */
final class RepoTools {
  static final Param<String> REPO =
      Param.string(
              "repo", "The Git folder: its repo_id, or its workspace path, e.g. /Repos/me/project")
          .required()
          .checkedBy(RepoRows::repo);

  private static final Param<String> PATH_PREFIX =
      Param.string(
              "path_prefix",
              "Only Git folders whose path starts with this (default: those in /Repos)")
          .checkedBy(FilesParams::workspacePath);

  private static final Param<String> URL =
      Param.string("url", "The Git repository's HTTPS URL, e.g. https://github.com/org/repo.git")
          .required()
          .checkedBy(RepoRows::url);

  private static final Param<String> PROVIDER =
      Param.choice(
          "provider",
          "Git provider; inferred from github.com, gitlab.com, bitbucket.org, dev.azure.com and"
              + " AWS CodeCommit URLs when not given",
          RepoRows.PROVIDERS);

  private static final Param<String> PATH =
      FilesParams.PATH
          .optional()
          .describedAs(
              "Where the Git folder goes: /Repos/{folder}/{name} or a folder of yours (default:"
                  + " the workspace's, /Repos/<you>/<repo name>)");

  private static final Param<String> BRANCH =
      Param.string(
              "branch", "Branch to check out; the current branch again pulls its latest commit")
          .checkedBy(RepoRows::ref);

  private static final Param<String> TAG =
      Param.string("tag", "Tag to check out (leaves the folder on a detached HEAD)")
          .checkedBy(RepoRows::ref);

  private RepoTools() {}

  static List<ToolDef> definitions() {
    return List.of(list(), get(), create(), update(), delete());
  }

  static ToolDef list() {
    Listing<RepoInfo> listing =
        Listing.<RepoInfo>of("Git folders", (page, args, ctx) -> page(ctx.workspace(), page, args))
            .params(PATH_PREFIX)
            .compact(RepoRows::row, RepoRows::detail);
    return ToolDef.builder(FilesToolset.ID, "list_repos")
        .title("List Git folders")
        .description(
            "Git folders (repos) you manage: repo_id, path, url, provider, branch, head_commit_id"
                + " (abbreviated; detail=true for the full id and sparse checkout patterns).")
        .input(listing.input())
        .hints(ToolHints.read())
        .handler(listing)
        .build();
  }

  /**
   * One page of {@code max_results} repos from the API's fixed pages: the token handed back holds
   * the API's token and how many of that page were already shown.
   */
  private static Listing.Page<RepoInfo> page(
      WorkspaceClient w, Listing.Request request, Args args) {
    RepoPageToken at = RepoPageToken.parse(request.pageToken());
    String prefix = PATH_PREFIX.optional(args).orElse(null);
    List<RepoInfo> out = new ArrayList<>();
    String apiToken = at.apiToken();
    int skip = at.skip();
    while (true) {
      ListReposResponse r =
          w.repos()
              .impl()
              .list(new ListReposRequest().setPathPrefix(prefix).setNextPageToken(apiToken));
      List<RepoInfo> repos = r.getRepos() == null ? List.of() : new ArrayList<>(r.getRepos());
      for (int i = skip; i < repos.size(); i++) {
        if (out.size() == request.maxResults()) {
          return Listing.Page.of(out, new RepoPageToken(apiToken, i).text());
        }
        out.add(repos.get(i));
      }
      if (r.getNextPageToken() == null || r.getNextPageToken().isEmpty()) {
        return Listing.Page.of(out, null);
      }
      apiToken = r.getNextPageToken();
      skip = 0;
      if (out.size() == request.maxResults()) {
        return Listing.Page.of(out, new RepoPageToken(apiToken, 0).text());
      }
    }
  }

  static ToolDef get() {
    return ToolDef.builder(FilesToolset.ID, "get_repo")
        .title("Get Git folder")
        .description(
            "A Git folder by repo_id or path: url, provider, branch (none on a tag), full"
                + " head_commit_id, sparse checkout patterns.")
        .input(Schema.of(REPO))
        .hints(ToolHints.read())
        .handler(
            (args, ctx) -> {
              RepoInfo r = find(ctx.workspace(), REPO.of(args));
              return ToolResult.of(
                  RepoRows.detail(r),
                  "Git folder "
                      + r.getPath()
                      + " is on "
                      + position(r.getBranch(), r.getHeadCommitId())
                      + ".");
            })
        .build();
  }

  static ToolDef create() {
    return ToolDef.builder(FilesToolset.ID, "create_repo")
        .title("Create Git folder")
        .description(
            "Clone a remote Git repository into a new Git folder (repo) of the workspace, on its"
                + " default branch. provider is inferred from well-known hosts.")
        .input(Schema.of(URL, PROVIDER, PATH))
        .hints(ToolHints.write(false))
        .checkWith("get_repo")
        .handler(
            (args, ctx) -> {
              String url = URL.of(args);
              String provider = PROVIDER.optional(args).orElseGet(() -> RepoRows.providerOf(url));
              if (provider == null) {
                throw ToolException.validation(
                    PROVIDER.name(),
                    "cannot be inferred from "
                        + url
                        + "; give one of "
                        + String.join(", ", RepoRows.PROVIDERS));
              }
              CreateRepoResponse made =
                  ctx.workspace()
                      .repos()
                      .create(
                          new CreateRepoRequest()
                              .setUrl(url)
                              .setProvider(provider)
                              .setPath(PATH.optional(args).orElse(null)));
              RepoInfo r = info(made);
              return ToolResult.of(
                  RepoRows.detail(r),
                  "Created Git folder "
                      + r.getPath()
                      + " from "
                      + url
                      + ", on "
                      + position(r.getBranch(), r.getHeadCommitId())
                      + ".");
            })
        .build();
  }

  static ToolDef update() {
    return ToolDef.builder(FilesToolset.ID, "update_repo")
        .title("Switch or pull Git folder")
        .description(
            "Check out a branch or a tag in a Git folder (exactly one); the branch it is on pulls"
                + " the latest commit. Answers the branch and head commit before and after.")
        .input(Schema.of(REPO, BRANCH, TAG))
        .hints(ToolHints.write(true))
        .checkWith("get_repo")
        .handler(
            (args, ctx) -> {
              boolean branch = BRANCH.given(args);
              if (branch == TAG.given(args)) {
                throw ToolException.validation(
                    BRANCH.name(), "give exactly one of branch or tag (the same branch pulls)");
              }
              WorkspaceClient w = ctx.workspace();
              RepoInfo before = find(w, REPO.of(args));
              UpdateRepoRequest request = new UpdateRepoRequest().setRepoId(before.getId());
              if (branch) {
                request.setBranch(BRANCH.of(args));
              } else {
                request.setTag(TAG.of(args));
              }
              w.repos().update(request);
              RepoInfo after = info(w.repos().get(before.getId()));
              Map<String, Object> out = RepoRows.detail(after);
              if (!branch) {
                out.put("tag", TAG.of(args));
              }
              out.put("previous_branch", before.getBranch());
              out.put("previous_head_commit_id", before.getHeadCommitId());
              String was = position(before.getBranch(), before.getHeadCommitId());
              String now =
                  branch
                      ? position(after.getBranch(), after.getHeadCommitId())
                      : "tag " + TAG.of(args) + " (" + shortId(after.getHeadCommitId()) + ")";
              return ToolResult.of(
                  out,
                  Objects.equals(before.getHeadCommitId(), after.getHeadCommitId())
                          && Objects.equals(before.getBranch(), after.getBranch())
                      ? "Git folder " + after.getPath() + " stays on " + was + ": nothing new."
                      : "Git folder " + after.getPath() + ": " + was + " → " + now + ".");
            })
        .build();
  }

  static ToolDef delete() {
    Deletion<RepoInfo> deletion =
        Deletion.of(
            (args, ctx) -> find(ctx.workspace(), REPO.of(args)),
            (r, args, ctx) ->
                ConfirmationTarget.irreversible(
                    "delete Git folder "
                        + r.getPath()
                        + " (linked to "
                        + r.getUrl()
                        + ") in "
                        + ctx.workspaceHost()
                        + ", with everything in it; changes not committed and pushed are lost",
                    r.getId() + "|" + r.getPath()),
            (r, args, ctx) -> {
              ctx.workspace().repos().delete(r.getId());
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("repo_id", r.getId());
              out.put("path", r.getPath());
              out.put("deleted", true);
              return ToolResult.of(out, "Deleted Git folder " + r.getPath() + ".");
            });
    return ToolDef.builder(FilesToolset.ID, "delete_repo")
        .title("Delete Git folder")
        .description(
            "Delete a Git folder and everything in it; uncommitted changes are lost (the remote"
                + " repository is not touched).")
        .input(Schema.of(REPO))
        .hints(ToolHints.destructive(true))
        .checkWith("get_repo")
        .confirmTarget(deletion)
        .handler(deletion)
        .build();
  }

  /**
   * The repo named by id, or by path: a Git folder's workspace object id is its repo id (get-status
   * of the path).
   */
  static RepoInfo find(WorkspaceClient w, String repo) {
    long id;
    if (repo.startsWith("/")) {
      ObjectInfo o = w.workspace().getStatus(repo);
      if (o.getObjectType() != ObjectType.REPO) {
        throw ToolException.validation(
            REPO.name(), repo + " is a " + o.getObjectType() + ", not a Git folder");
      }
      id = o.getObjectId();
    } else {
      id = Long.parseLong(repo);
    }
    return info(w.repos().get(id));
  }

  private static RepoInfo info(GetRepoResponse r) {
    return new RepoInfo()
        .setId(r.getId())
        .setPath(r.getPath())
        .setUrl(r.getUrl())
        .setProvider(r.getProvider())
        .setBranch(r.getBranch())
        .setHeadCommitId(r.getHeadCommitId())
        .setSparseCheckout(r.getSparseCheckout());
  }

  private static RepoInfo info(CreateRepoResponse r) {
    return new RepoInfo()
        .setId(r.getId())
        .setPath(r.getPath())
        .setUrl(r.getUrl())
        .setProvider(r.getProvider())
        .setBranch(r.getBranch())
        .setHeadCommitId(r.getHeadCommitId())
        .setSparseCheckout(r.getSparseCheckout());
  }

  private static String position(String branch, String commit) {
    return (branch == null ? "a detached HEAD" : "branch " + branch) + " (" + shortId(commit) + ")";
  }

  private static String shortId(String commit) {
    return commit == null || commit.length() <= RepoRows.SHORT_COMMIT
        ? String.valueOf(commit)
        : commit.substring(0, RepoRows.SHORT_COMMIT);
  }
}
