package dev.databricksmcp.server.tools.files;

import static dev.databricksmcp.server.testing.SandboxFixture.body;
import static dev.databricksmcp.server.testing.SandboxFixture.errorCode;
import static dev.databricksmcp.server.testing.SandboxFixture.items;
import static dev.databricksmcp.server.testing.SandboxFixture.message;
import static dev.databricksmcp.server.testing.SandboxFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.server.testing.SandboxFixture;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Git folder tools against the sandbox through the real SDK: create (provider inferred from the
 * host), list with pages of any size over the API's fixed pages, get by id or path, switch branch,
 * pull, check out a tag, a confirmed delete, and the answers for bad arguments and unknown Git
 * folders. The sandbox fetches nothing, so head commits are its derived ids: the tests compare
 * them, never spell them.
 */
@Timeout(120)
class RepoToolsTest {
  private static final String MINE = "/Repos/" + Identities.ADMIN.userName();
  private static SandboxFixture fx;

  @BeforeAll
  static void start() {
    fx = new SandboxFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static Map<String, Object> create(String url, String path) {
    return ok(fx.call("create_repo", Map.of("url", url, "path", path)));
  }

  @Test
  void createInfersTheProviderAndGetFindsItByIdOrPath() {
    Map<String, Object> made = create("https://github.com/org/alpha.git", MINE + "/alpha");
    assertThat(made)
        .containsEntry("path", MINE + "/alpha")
        .containsEntry("provider", "gitHub")
        .containsEntry("branch", "main");
    assertThat((String) made.get("head_commit_id")).hasSize(40);
    Map<String, Object> byDefault =
        ok(fx.call("create_repo", Map.of("url", "https://gitlab.com/g/beta")));
    assertThat(byDefault).containsEntry("path", MINE + "/beta").containsEntry("provider", "gitLab");
    Map<String, Object> byId =
        ok(fx.call("get_repo", Map.of("repo", String.valueOf(made.get("repo_id")))));
    Map<String, Object> byPath = ok(fx.call("get_repo", Map.of("repo", MINE + "/alpha")));
    assertThat(byId).isEqualTo(byPath).isEqualTo(made);
    CallToolResult unknownHost =
        fx.call("create_repo", Map.of("url", "https://git.example.com/x/y.git"));
    assertThat(errorCode(unknownHost)).isEqualTo("VALIDATION_ERROR");
    assertThat(String.valueOf(body(unknownHost).get("error"))).startsWith("provider");
    assertThat(
            ok(
                fx.call(
                    "create_repo",
                    Map.of(
                        "url",
                        "https://git.example.com/x/gamma.git",
                        "provider",
                        "gitHubEnterprise"))))
        .containsEntry("provider", "gitHubEnterprise");
  }

  @Test
  void listPagesAnySizeOverTheApisPages() {
    ok(fx.call("create_workspace_directory", Map.of("path", "/Repos/team")));
    for (int i = 0; i < 23; i++) {
      create("https://github.com/team/r" + i, "/Repos/team/r" + String.format("%02d", i));
    }
    Map<String, Object> args =
        new HashMap<>(Map.of("path_prefix", "/Repos/team", "max_results", 7));
    int seen = 0;
    for (int pages = 0; pages < 10; pages++) {
      CallToolResult page = fx.call("list_repos", args);
      List<Map<String, Object>> rows = items(page);
      seen += rows.size();
      assertThat(rows).allSatisfy(r -> assertThat((String) r.get("head_commit_id")).hasSize(12));
      Object next = ok(page).get("next_page_token");
      if (next == null) {
        break;
      }
      assertThat(rows).hasSize(7);
      args.put("page_token", next);
    }
    assertThat(seen).isEqualTo(23);
    Map<String, Object> detail =
        items(fx.call("list_repos", Map.of("path_prefix", "/Repos/team/r00", "detail", true)))
            .get(0);
    assertThat((String) detail.get("head_commit_id")).hasSize(40);
  }

  @Test
  void updateSwitchesBranchPullsAndChecksOutATag() {
    Map<String, Object> made = create("https://github.com/org/upd.git", MINE + "/upd");
    String repo = String.valueOf(made.get("repo_id"));
    CallToolResult switched = fx.call("update_repo", Map.of("repo", repo, "branch", "dev"));
    Map<String, Object> dev = ok(switched);
    assertThat(dev)
        .containsEntry("branch", "dev")
        .containsEntry("previous_branch", "main")
        .containsEntry("previous_head_commit_id", made.get("head_commit_id"));
    assertThat(dev.get("head_commit_id")).isNotEqualTo(made.get("head_commit_id"));
    assertThat(message(switched)).contains("branch main").contains("→ branch dev");
    CallToolResult pulled = fx.call("update_repo", Map.of("repo", MINE + "/upd", "branch", "dev"));
    assertThat(ok(pulled)).containsEntry("branch", "dev");
    assertThat(message(pulled)).contains("stays on branch dev");
    Map<String, Object> tagged = ok(fx.call("update_repo", Map.of("repo", repo, "tag", "v1.0")));
    assertThat(tagged).containsEntry("tag", "v1.0").containsEntry("previous_branch", "dev");
    assertThat(tagged.get("branch")).isNull();
    assertThat(ok(fx.call("get_repo", Map.of("repo", repo))).get("branch")).isNull();
  }

  @Test
  void deleteIsConfirmedNamingPathAndUrl() {
    Map<String, Object> made = create("https://github.com/org/gone.git", MINE + "/gone");
    Map<String, Object> args = new HashMap<>(Map.of("repo", MINE + "/gone"));
    CallToolResult asked = fx.callConfirming("delete_repo", args);
    assertThat(errorCode(asked)).isEqualTo("CONFIRMATION_REQUIRED");
    assertThat(String.valueOf(body(asked).get("error")))
        .contains(MINE + "/gone")
        .contains("https://github.com/org/gone.git")
        .contains("not committed");
    @SuppressWarnings("unchecked")
    Map<String, Object> details = (Map<String, Object>) body(asked).get("details");
    args.put("confirmation_token", details.get("confirmation_token"));
    assertThat(ok(fx.callConfirming("delete_repo", args))).containsEntry("deleted", true);
    assertThat(errorCode(fx.call("get_repo", Map.of("repo", String.valueOf(made.get("repo_id"))))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void badArgumentsNameTheFieldAndUnknownFoldersAreNotFound() {
    create("https://github.com/org/args.git", MINE + "/args");
    Map<String, Map<String, Object>> bad =
        Map.of(
            "url", Map.of("url", "file:///etc/passwd"),
            "path", Map.of("url", "https://github.com/a/b", "path", "/Repos/../etc"),
            "provider", Map.of("url", "https://github.com/a/b", "provider", "sourceForge"));
    bad.forEach(
        (field, args) -> {
          CallToolResult r = fx.call("create_repo", args);
          assertThat(errorCode(r)).as(field).isEqualTo("VALIDATION_ERROR");
          assertThat(String.valueOf(body(r).get("error"))).as(field).startsWith(field);
        });
    for (Map<String, Object> args :
        List.of(
            Map.<String, Object>of("repo", MINE + "/args"),
            Map.<String, Object>of("repo", MINE + "/args", "branch", "a", "tag", "b"))) {
      CallToolResult r = fx.call("update_repo", args);
      assertThat(errorCode(r)).isEqualTo("VALIDATION_ERROR");
      assertThat(String.valueOf(body(r).get("error"))).startsWith("branch");
    }
    CallToolResult notAnId = fx.call("get_repo", Map.of("repo", "12ab"));
    assertThat(errorCode(notAnId)).isEqualTo("VALIDATION_ERROR");
    CallToolResult notARepo = fx.call("get_repo", Map.of("repo", "/Shared"));
    assertThat(errorCode(notARepo)).isEqualTo("VALIDATION_ERROR");
    assertThat(errorCode(fx.call("get_repo", Map.of("repo", "987654321")))).isEqualTo("NOT_FOUND");
    assertThat(errorCode(fx.call("get_repo", Map.of("repo", MINE + "/nothing"))))
        .isEqualTo("NOT_FOUND");
    assertThat(errorCode(fx.call("update_repo", Map.of("repo", "987654321", "branch", "x"))))
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void aRemoteOnTheHostIsLinkedNotFetched() {
    Map<String, Object> made =
        ok(
            fx.call(
                "create_repo",
                Map.of(
                    "url",
                    "http://127.0.0.1:9/secret.git",
                    "provider",
                    "gitHubEnterprise",
                    "path",
                    MINE + "/local")));
    assertThat(made).containsEntry("url", "http://127.0.0.1:9/secret.git");
    assertThat(items(fx.call("list_workspace", Map.of("path", MINE + "/local")))).isEmpty();
  }
}
