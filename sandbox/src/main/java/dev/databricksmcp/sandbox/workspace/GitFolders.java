package dev.databricksmcp.sandbox.workspace;

import com.databricks.sdk.service.workspace.CreateRepoRequest;
import com.databricks.sdk.service.workspace.RepoInfo;
import com.databricks.sdk.service.workspace.SparseCheckout;
import com.databricks.sdk.service.workspace.UpdateRepoRequest;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.http.Json;
import dev.databricksmcp.sandbox.http.PageTokens;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Git folders (repos, https://docs.databricks.com/api/repos/v1/repo.md): a repo is a record of its
 * remote URL, provider and checked-out branch or tag, and a Git folder (object type REPO) in the
 * {@link WorkspaceTree} whose object id is the repo's id. Nothing is cloned or pulled: the folder
 * starts empty and files are imported into it through the Workspace API; the head commit is derived
 * from the URL and the ref ({@link GitUrls#headCommit}). A Git folder deleted through the Workspace
 * API takes its repo with it. Kept with {@code --sandbox-dir} ({@code
 * DIRECTORY/state/git-folders.json}).
 */
public final class GitFolders implements PersistentState {
  /** "Results are paginated with each page containing twenty repos" (the Repos API 2.0 page). */
  static final int PAGE_SIZE = 20;

  /** What is kept of a repo; {@code branch} null when a tag is checked out (detached HEAD). */
  record Repo(
      long id,
      String path,
      String url,
      String provider,
      String branch,
      String tag,
      List<String> sparsePatterns) {
    String ref() {
      return branch != null ? "refs/heads/" + branch : "refs/tags/" + tag;
    }

    RepoInfo info() {
      return new RepoInfo()
          .setId(id)
          .setPath(path)
          .setUrl(url)
          .setProvider(provider)
          .setBranch(branch)
          .setHeadCommitId(GitUrls.headCommit(url, ref()))
          .setSparseCheckout(
              sparsePatterns == null ? null : new SparseCheckout().setPatterns(sparsePatterns));
    }
  }

  /** A page of repos and the token of the next one (null on the last). */
  record Page(List<RepoInfo> repos, String nextPageToken) {}

  private static final String DEFAULT_BRANCH = "main";

  private final WorkspaceTree tree;
  private final TreeMap<Long, Repo> repos = new TreeMap<>();

  public GitFolders(WorkspaceTree tree) {
    this.tree = tree;
  }

  synchronized RepoInfo create(Principal caller, CreateRepoRequest request) {
    String url = GitUrls.checked(request.getUrl());
    String provider = GitProviders.canonical(request.getProvider());
    String path =
        request.getPath() == null || request.getPath().isEmpty()
            ? WorkspaceAccess.reposHome(caller) + "/" + GitUrls.repoName(url)
            : RepoPaths.checked(request.getPath());
    List<String> patterns =
        request.getSparseCheckout() == null
            ? null
            : patterns(request.getSparseCheckout().getPatterns());
    long id = tree.makeGitFolder(caller, path);
    Repo repo = new Repo(id, path, url, provider, DEFAULT_BRANCH, null, patterns);
    repos.put(id, repo);
    return repo.info();
  }

  synchronized RepoInfo get(Principal caller, long id) {
    Repo repo = existing(id);
    WorkspaceAccess.requireRead(caller, repo.path());
    return repo.info();
  }

  /**
   * The repos the caller manages whose path starts with {@code pathPrefix}; no prefix, {@code /} or
   * {@code /Workspace} lists those in {@code /Repos}, as list-repos.md says.
   */
  synchronized Page list(Principal caller, String pathPrefix, int offset) {
    String prefix = RepoPaths.listPrefix(pathPrefix);
    forgetDeletedFolders();
    List<RepoInfo> all = new ArrayList<>();
    for (Repo r : repos.values()) {
      if (r.path().startsWith(prefix) && WorkspaceAccess.canRead(caller, r.path())) {
        all.add(r.info());
      }
    }
    int from = Math.min(offset, all.size());
    int to = Math.min(all.size(), from + PAGE_SIZE);
    return new Page(all.subList(from, to), to < all.size() ? PageTokens.of(to) : null);
  }

  /** Checks out a branch (the same branch: a pull) or a tag, or changes the sparse checkout. */
  synchronized void update(Principal caller, long id, UpdateRepoRequest request) {
    Repo repo = existing(id);
    WorkspaceAccess.requireRead(caller, repo.path());
    WorkspaceAccess.requireWrite(caller, repo.path());
    String branch = request.getBranch();
    String tag = request.getTag();
    if (branch != null && tag != null) {
      throw ApiException.invalid("Only one of branch and tag can be given.");
    }
    if (branch == null && tag == null && request.getSparseCheckout() == null) {
      throw ApiException.invalid("One of branch, tag or sparse_checkout is required.");
    }
    List<String> patterns = repo.sparsePatterns();
    if (request.getSparseCheckout() != null) {
      if (patterns == null) {
        // "The update will fail if sparse checkout is not enabled for the repo." (update-repo.md)
        throw ApiException.invalid("Sparse checkout is not enabled for the repo " + repo.path());
      }
      patterns = patterns(request.getSparseCheckout().getPatterns());
    }
    String newBranch = branch != null ? RepoPaths.ref("branch", branch) : null;
    String newTag = tag != null ? RepoPaths.ref("tag", tag) : null;
    if (newBranch == null && newTag == null) {
      newBranch = repo.branch();
      newTag = repo.tag();
    }
    repos.put(
        id, new Repo(id, repo.path(), repo.url(), repo.provider(), newBranch, newTag, patterns));
  }

  /** Deletes the repo and its Git folder with everything imported into it. */
  synchronized void delete(Principal caller, long id) {
    Repo repo = existing(id);
    WorkspaceAccess.requireRead(caller, repo.path());
    WorkspaceAccess.requireWrite(caller, repo.path());
    tree.removeGitFolder(repo.path());
    repos.remove(id);
  }

  private Repo existing(long id) {
    Repo repo = repos.get(id);
    if (repo == null || !tree.holdsGitFolder(repo.path(), id)) {
      repos.remove(id);
      // the service's words (databricks/terraform-provider-databricks, resource_repo_test.go)
      throw ApiException.notFound(ErrorCode.RESOURCE_DOES_NOT_EXIST, "Repo could not be found");
    }
    return repo;
  }

  private void forgetDeletedFolders() {
    for (Iterator<Map.Entry<Long, Repo>> it = repos.entrySet().iterator(); it.hasNext(); ) {
      Repo r = it.next().getValue();
      if (!tree.holdsGitFolder(r.path(), r.id())) {
        it.remove();
      }
    }
  }

  private static List<String> patterns(Collection<String> given) {
    List<String> out = new ArrayList<>();
    if (given != null) {
      for (String p : given) {
        out.add(RepoPaths.ref("sparse_checkout.patterns", p));
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String persistenceName() {
    return "git-folders";
  }

  @Override
  public synchronized JsonNode save() {
    return Json.MAPPER.valueToTree(new ArrayList<>(repos.values()));
  }

  @Override
  public synchronized void restore(JsonNode saved) {
    repos.clear();
    for (Repo r : Json.MAPPER.convertValue(saved, new TypeReference<List<Repo>>() {})) {
      repos.put(r.id(), r);
    }
  }
}
