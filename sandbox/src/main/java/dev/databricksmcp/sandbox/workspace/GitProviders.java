package dev.databricksmcp.sandbox.workspace;

import dev.databricksmcp.sandbox.http.ApiException;
import java.util.List;
import java.util.Locale;

/**
 * The Git providers a repo may be linked to, as create-repo.md lists them ("This field is
 * case-insensitive"): a request's spelling is taken in any case and answered in the documented one.
 */
final class GitProviders {
  static final List<String> ALL =
      List.of(
          "gitHub",
          "bitbucketCloud",
          "gitLab",
          "azureDevOpsServices",
          "gitHubEnterprise",
          "bitbucketServer",
          "gitLabEnterpriseEdition",
          "awsCodeCommit");

  private GitProviders() {}

  /** The documented spelling of {@code provider}; INVALID_PARAMETER_VALUE when it is none. */
  static String canonical(String provider) {
    if (provider == null || provider.isBlank()) {
      throw ApiException.invalid("Missing required field: provider");
    }
    String lower = provider.toLowerCase(Locale.ROOT);
    for (String known : ALL) {
      if (known.toLowerCase(Locale.ROOT).equals(lower)) {
        return known;
      }
    }
    throw ApiException.invalid(
        "Invalid Git provider: " + provider + ". The available Git providers are " + ALL + ".");
  }
}
