package dev.databricksmcp.sandbox.contract;

import static dev.databricksmcp.sandbox.contract.SharedSandbox.admin;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.analyst;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.quote;
import static dev.databricksmcp.sandbox.contract.SharedSandbox.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.workspace.CreateRepoRequest;
import com.databricks.sdk.service.workspace.CreateRepoResponse;
import com.databricks.sdk.service.workspace.ListReposRequest;
import com.databricks.sdk.service.workspace.ObjectType;
import com.databricks.sdk.service.workspace.RepoInfo;
import com.databricks.sdk.service.workspace.UpdateRepoRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Repos API 2.0 (index: https://docs.databricks.com/api/repos/v1/repo.md; the RepoInfo object:
 * https://docs.databricks.com/api/repos/v1/repo/object.md). The pages give the shapes and no error
 * codes; the codes are the service's as clients record them: an unknown id 404
 * RESOURCE_DOES_NOT_EXIST "Repo could not be found" (terraform-provider-databricks
 * repos/resource_repo_test.go), an existing path "Repo … already exists" (terraform-provider-
 * databricks#2295), a missing URL INVALID_PARAMETER_VALUE "Git repository URL missing for project"
 * (databrickslabs/dbx#413). Where the docs are silent the sandbox chooses, and these tests say so:
 * RESOURCE_ALREADY_EXISTS with 400 as the Workspace API sends it; an unknown provider, a URL that
 * is not an http(s) URL, a malformed /Repos path, both branch and tag, or no change at all are 400
 * INVALID_PARAMETER_VALUE; a missing parent folder 404 RESOURCE_DOES_NOT_EXIST as for an import.
 * The sandbox fetches nothing: a Git folder starts empty.
 */
@Timeout(120)
@ExtendWith(SharedSandbox.class)
class ReposContractTest {
  static final String BASE = "/api/2.0/repos";
  private static final String ADMIN_REPOS = "/Repos/" + Identities.ADMIN.userName();
  private static final String ANALYST_REPOS = "/Repos/" + Identities.ANALYST.userName();
  private static final String ADMIN_HOME = "/Users/" + Identities.ADMIN.userName();

  /** RepoInfo as repo/object.md shows it (its example, with types). */
  private static final JsonShape REPO =
      JsonShape.of(
              "{\"id\": 0, \"path\": \"string\", \"url\": \"string\", \"provider\": \"string\","
                  + " \"branch\": \"string\", \"head_commit_id\": \"string\","
                  + " \"sparse_checkout\": {\"patterns\": [\"string\"]}}")
          .required("id", "path", "url", "provider", "head_commit_id");

  /**
   * Create: answers the repo (id, path, url, provider, branch, head_commit_id); "provider … This
   * field is case-insensitive"; "If repo is created in /Repos, path must be in the format
   * /Repos/{folder}/{repo-name}"; sparse_checkout kept. Without a path the sandbox chooses
   * /Repos/{user}/{repo name} (the page names no default).
   * https://docs.databricks.com/api/repos/v1/create-repo.md
   */
  @Test
  @Contract(
      value = "POST /api/2.0/repos",
      doc = "https://docs.databricks.com/api/repos/v1/create-repo.md")
  void createMakesAGitFolder() {
    String path = ADMIN_REPOS + "/" + unique("cli");
    JsonNode made = create("https://github.com/databricks/cli.git", "GITHUB", path).ok();
    REPO.check(made);
    assertThat(made.get("path").asText()).isEqualTo(path);
    assertThat(made.get("provider").asText()).isEqualTo("gitHub");
    assertThat(made.get("branch").asText()).isEqualTo("main");
    assertThat(made.get("head_commit_id").asText()).matches("[0-9a-f]{40}");
    JsonNode status = admin().get(Wire.query("/api/2.0/workspace/get-status", "path", path)).ok();
    assertThat(status.get("object_type").asText()).isEqualTo("REPO");
    assertThat(status.get("object_id").asLong()).isEqualTo(made.get("id").asLong());
    String name = unique("dflt");
    JsonNode byDefault =
        admin()
            .post(
                BASE,
                "{\"url\": \"https://gitlab.com/group/"
                    + name
                    + ".git\", \"provider\": \"gitLab\"}")
            .ok();
    assertThat(byDefault.get("path").asText()).isEqualTo(ADMIN_REPOS + "/" + name);
    JsonNode sparse =
        admin()
            .post(
                BASE,
                "{\"url\": \"https://github.com/a/b\", \"provider\": \"gitHub\", \"path\": "
                    + quote(ADMIN_HOME + "/" + unique("sparse"))
                    + ", \"sparse_checkout\": {\"patterns\": [\"src\", \"test\"]}}")
            .ok();
    assertThat(sparse.at("/sparse_checkout/patterns").toString()).isEqualTo("[\"src\",\"test\"]");
    WorkspaceContractTest.alreadyExists(
        create("https://github.com/databricks/cli.git", "gitHub", path));
    for (String[] bad :
        new String[][] {
          {"https://github.com/a/b", "sourceForge", ADMIN_REPOS + "/" + unique("p")},
          {"not a url", "gitHub", ADMIN_REPOS + "/" + unique("u")},
          {"file:///etc", "gitHub", ADMIN_REPOS + "/" + unique("f")},
          {"https://github.com/a/b", "gitHub", "/Repos/only-two"},
          {"https://github.com/a/b", "gitHub", ADMIN_REPOS + "/x/../../etc"},
        }) {
      create(bad[0], bad[1], bad[2])
          .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    }
    admin()
        .post(BASE, "{\"provider\": \"gitHub\", \"path\": " + quote(ADMIN_REPOS + "/nourl") + "}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    create("https://github.com/a/b", "gitHub", ADMIN_HOME + "/missing/" + unique("r"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    analyst()
        .post(
            BASE,
            "{\"url\": \"https://github.com/a/b\", \"provider\": \"gitHub\", \"path\": "
                + quote(ADMIN_REPOS + "/" + unique("theirs"))
                + "}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Get: the repo by id; an unknown id 404 RESOURCE_DOES_NOT_EXIST.
   * https://docs.databricks.com/api/repos/v1/get-repo.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/repos/{repo_id}",
      doc = "https://docs.databricks.com/api/repos/v1/get-repo.md")
  void getDescribesTheRepo() {
    JsonNode made =
        create("https://github.com/a/get.git", "gitHub", ADMIN_REPOS + "/" + unique("g")).ok();
    JsonNode got = admin().get(BASE + "/" + made.get("id").asLong()).ok();
    REPO.check(got);
    assertThat(got).isEqualTo(made);
    admin()
        .get(BASE + "/12345")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    analyst()
        .get(BASE + "/" + made.get("id").asLong())
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * List: {@code {repos: [RepoInfo], next_page_token}} of the repos the caller manages; "If not
   * provided or when provided an effectively empty prefix (/ or /Workspace) Git folders (repos)
   * from /Workspace/Repos will be served"; pages of twenty repos.
   * https://docs.databricks.com/api/repos/v1/list-repos.md
   */
  @Test
  @Contract(
      value = "GET /api/2.0/repos",
      doc = "https://docs.databricks.com/api/repos/v1/list-repos.md")
  void listFiltersByPrefixAndPages() {
    String folder = unique("many");
    admin()
        .post("/api/2.0/workspace/mkdirs", "{\"path\": " + quote("/Repos/" + folder) + "}")
        .okEmpty();
    for (int i = 0; i < 21; i++) {
      create("https://github.com/a/r" + i, "gitHub", "/Repos/" + folder + "/r" + i).ok();
    }
    String outside = ADMIN_HOME + "/" + unique("out");
    create("https://github.com/a/out", "gitHub", outside).ok();
    JsonNode first = admin().get(Wire.query(BASE, "path_prefix", "/Repos/" + folder)).ok();
    JsonShape.of("{\"repos\": [null], \"next_page_token\": \"string\"}").check(first);
    first.get("repos").forEach(REPO::check);
    assertThat(first.get("repos")).hasSize(20);
    JsonNode second =
        admin()
            .get(
                Wire.query(
                    BASE,
                    "path_prefix",
                    "/Workspace/Repos/" + folder,
                    "next_page_token",
                    first.get("next_page_token").asText()))
            .ok();
    assertThat(second.get("repos")).hasSize(1);
    assertThat(second.has("next_page_token")).isFalse();
    assertThat(paths(admin().get(BASE).ok())).doesNotContain(outside);
    assertThat(paths(admin().get(Wire.query(BASE, "path_prefix", ADMIN_HOME)).ok()))
        .contains(outside);
    assertThat(paths(analyst().get(Wire.query(BASE, "path_prefix", "/Repos/" + folder)).ok()))
        .isEmpty();
  }

  /**
   * Update: "Updates the repo to a different branch or tag, or updates the repo to the latest
   * commit on the same branch"; a tag "puts the repo in a detached HEAD state" (the answer has no
   * branch, as terraform-provider-databricks' fixtures show); sparse_checkout "will fail if sparse
   * checkout is not enabled for the repo". Answers {@code {}} (the SDK's update returns nothing).
   * https://docs.databricks.com/api/repos/v1/update-repo.md
   */
  @Test
  @Contract(
      value = "PATCH /api/2.0/repos/{repo_id}",
      doc = "https://docs.databricks.com/api/repos/v1/update-repo.md")
  void updateSwitchesBranchOrTag() {
    JsonNode made =
        create("https://github.com/a/upd.git", "gitHub", ADMIN_REPOS + "/" + unique("u")).ok();
    String repo = BASE + "/" + made.get("id").asLong();
    admin().patch(repo, "{\"branch\": \"dev\"}").okEmpty();
    JsonNode dev = admin().get(repo).ok();
    assertThat(dev.get("branch").asText()).isEqualTo("dev");
    assertThat(dev.get("head_commit_id").asText())
        .matches("[0-9a-f]{40}")
        .isNotEqualTo(made.get("head_commit_id").asText());
    admin().patch(repo, "{\"branch\": \"dev\"}").okEmpty();
    assertThat(admin().get(repo).ok()).isEqualTo(dev);
    admin().patch(repo, "{\"tag\": \"v1.0\"}").okEmpty();
    JsonNode tagged = admin().get(repo).ok();
    assertThat(tagged.has("branch")).isFalse();
    assertThat(tagged.get("head_commit_id").asText()).matches("[0-9a-f]{40}");
    admin()
        .patch(repo, "{\"branch\": \"a\", \"tag\": \"b\"}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin().patch(repo, "{}").isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .patch(repo, "{\"sparse_checkout\": {\"patterns\": [\"src\"]}}")
        .isError(400, "INVALID_PARAMETER_VALUE", InvalidParameterValue.class);
    admin()
        .patch(BASE + "/12345", "{\"branch\": \"dev\"}")
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    analyst()
        .patch(repo, "{\"branch\": \"x\"}")
        .isError(403, "PERMISSION_DENIED", PermissionDenied.class);
  }

  /**
   * Delete: answers {@code {}}; the Git folder goes with everything in it; an unknown id 404.
   * https://docs.databricks.com/api/repos/v1/delete-repo.md
   */
  @Test
  @Contract(
      value = "DELETE /api/2.0/repos/{repo_id}",
      doc = "https://docs.databricks.com/api/repos/v1/delete-repo.md")
  void deleteRemovesTheFolder() {
    String path = ANALYST_REPOS + "/" + unique("d");
    JsonNode made =
        analyst()
            .post(
                BASE,
                "{\"url\": \"https://github.com/a/d\", \"provider\": \"gitHub\", \"path\": "
                    + quote(path)
                    + "}")
            .ok();
    analyst()
        .post(
            "/api/2.0/workspace/import",
            "{\"path\": "
                + quote(path + "/nb")
                + ", \"format\": \"SOURCE\", \"language\": \"SQL\", \"content\": \"U0VMRUNUIDE=\"}")
        .okEmpty();
    analyst().delete(BASE + "/" + made.get("id").asLong()).okEmpty();
    admin()
        .get(Wire.query("/api/2.0/workspace/get-status", "path", path + "/nb"))
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
    analyst()
        .delete(BASE + "/" + made.get("id").asLong())
        .isError(404, "RESOURCE_DOES_NOT_EXIST", ResourceDoesNotExist.class);
  }

  /** Through the real SDK: create, get, list, update to a branch and a tag, delete. */
  @Test
  @Contract(
      value = "POST /api/2.0/repos",
      doc = "https://docs.databricks.com/api/repos/v1/create-repo.md")
  @Contract(
      value = "GET /api/2.0/repos",
      doc = "https://docs.databricks.com/api/repos/v1/list-repos.md")
  void sdkRoundTrip() {
    WorkspaceClient w = SharedSandbox.sdk(Identities.ADMIN_TOKEN);
    String path = ADMIN_REPOS + "/" + unique("sdk");
    CreateRepoResponse made =
        w.repos()
            .create(
                new CreateRepoRequest()
                    .setUrl("https://dev.azure.com/org/project/_git/sdk")
                    .setProvider("azureDevOpsServices")
                    .setPath(path));
    assertThat(made.getBranch()).isEqualTo("main");
    assertThat(w.repos().get(made.getId()).getPath()).isEqualTo(path);
    List<String> listed = new ArrayList<>();
    for (RepoInfo r : w.repos().list(new ListReposRequest().setPathPrefix(ADMIN_REPOS))) {
      listed.add(r.getPath());
    }
    assertThat(listed).contains(path);
    w.repos().update(new UpdateRepoRequest().setRepoId(made.getId()).setBranch("release"));
    assertThat(w.repos().get(made.getId()).getBranch()).isEqualTo("release");
    w.repos().update(new UpdateRepoRequest().setRepoId(made.getId()).setTag("v2"));
    assertThat(w.repos().get(made.getId()).getBranch()).isNull();
    assertThat(w.workspace().getStatus(path).getObjectType()).isEqualTo(ObjectType.REPO);
    w.repos().delete(made.getId());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.repos().get(made.getId()))
        .isInstanceOf(ResourceDoesNotExist.class);
  }

  private static Reply create(String url, String provider, String path) {
    return admin()
        .post(
            BASE,
            "{\"url\": "
                + quote(url)
                + ", \"provider\": "
                + quote(provider)
                + ", \"path\": "
                + quote(path)
                + "}");
  }

  private static List<String> paths(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.path("repos").forEach(r -> out.add(r.get("path").asText()));
    return out;
  }
}
