package dev.databricksmcp.server.tools.files;

import com.databricks.sdk.service.workspace.RepoInfo;
import com.databricks.sdk.service.workspace.SparseCheckout;
import dev.databricksmcp.server.core.ToolException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Git folders (repos) as the tools show them, and what the tools check in their arguments: the same
 * field names in a list row and a get (docs/OUTPUT.md).
 */
final class RepoRows {
  /** Characters of a commit id in a list row, as {@code git log --abbrev} shows it. */
  static final int SHORT_COMMIT = 12;

  /**
   * The Git providers create-repo.md documents, in its spelling.
   * https://docs.databricks.com/api/repos/v1/create-repo.md
   */
  static final List<String> PROVIDERS =
      List.of(
          "gitHub",
          "bitbucketCloud",
          "gitLab",
          "azureDevOpsServices",
          "gitHubEnterprise",
          "bitbucketServer",
          "gitLabEnterpriseEdition",
          "awsCodeCommit");

  private static final Map<String, String> PROVIDER_HOSTS =
      Map.of(
          "github.com", "gitHub",
          "gitlab.com", "gitLab",
          "bitbucket.org", "bitbucketCloud",
          "dev.azure.com", "azureDevOpsServices");

  private static final Pattern CODECOMMIT =
      Pattern.compile("git-codecommit\\.[^.]+\\.amazonaws\\.com");

  private RepoRows() {}

  /** A list row: what tells Git folders apart, the commit id abbreviated. */
  static Map<String, Object> row(RepoInfo r) {
    Map<String, Object> out = detail(r);
    out.remove("sparse_checkout_patterns");
    String commit = r.getHeadCommitId();
    out.put(
        "head_commit_id",
        commit == null || commit.length() <= SHORT_COMMIT
            ? commit
            : commit.substring(0, SHORT_COMMIT));
    return out;
  }

  /** Every field: the full head commit id and the sparse checkout patterns. */
  static Map<String, Object> detail(RepoInfo r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("repo_id", r.getId());
    out.put("path", r.getPath());
    out.put("url", r.getUrl());
    out.put("provider", r.getProvider());
    // a tag leaves the folder in a detached HEAD: no branch
    out.put("branch", r.getBranch());
    out.put("head_commit_id", r.getHeadCommitId());
    SparseCheckout sparse = r.getSparseCheckout();
    if (sparse != null && sparse.getPatterns() != null) {
      out.put("sparse_checkout_patterns", List.copyOf(sparse.getPatterns()));
    }
    return out;
  }

  /** A Git repository's URL: https (or http) with a host; refused naming {@code field} else. */
  static String url(String field, String value) {
    String url = value.strip();
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw ToolException.validation(field, "is not a URL; give the repository's HTTPS URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
      throw ToolException.validation(
          field, "must be the repository's HTTPS URL, e.g. https://github.com/org/repo.git");
    }
    return url;
  }

  /**
   * The provider of a URL's host, as Databricks' Terraform provider infers it (github.com,
   * gitlab.com, bitbucket.org, dev.azure.com, AWS CodeCommit); null for another host.
   */
  static String providerOf(String url) {
    String host = URI.create(url).getHost().toLowerCase(Locale.ROOT);
    if (CODECOMMIT.matcher(host).matches()) {
      return "awsCodeCommit";
    }
    return PROVIDER_HOSTS.get(host);
  }

  /** A branch or tag name: no spaces or control characters. */
  static String ref(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw ToolException.validation(field, "must not contain spaces or control characters");
      }
    }
    if (value.isEmpty()) {
      throw ToolException.validation(field, "must not be empty");
    }
    return value;
  }

  /** A Git folder named by its repo id (digits) or its workspace path. */
  static String repo(String field, String value) {
    String v = value.strip();
    return v.startsWith("/") ? FilesParams.workspacePath(field, v) : digits(field, v);
  }

  private static String digits(String field, String value) {
    if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(Character::isDigit)) {
      throw ToolException.validation(
          field, "give the Git folder's repo_id (digits) or its workspace path (/Repos/...)");
    }
    return value;
  }
}
