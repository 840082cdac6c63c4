package dev.databricksmcp.sandbox.pipelines;

import com.databricks.sdk.service.pipelines.GetPipelineResponse;
import com.databricks.sdk.service.pipelines.PipelineLibrary;
import dev.databricksmcp.sandbox.http.ApiException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters {@code GET /pipelines} takes, as the reference lists them: {@code notebook='<path>'}
 * and {@code name LIKE '<pattern>'} (% and _ wildcards); composite filters are not supported.
 */
final class PipelineFilter implements Predicate<GetPipelineResponse> {
  private static final Pattern NOTEBOOK = Pattern.compile("(?i)^notebook\\s*=\\s*'([^']*)'$");
  private static final Pattern NAME_LIKE = Pattern.compile("(?i)^name\\s+LIKE\\s+'([^']*)'$");

  private final Predicate<GetPipelineResponse> test;

  private PipelineFilter(Predicate<GetPipelineResponse> test) {
    this.test = test;
  }

  static PipelineFilter of(String filter) {
    if (filter == null || filter.isBlank()) {
      return new PipelineFilter(p -> true);
    }
    Matcher m;
    if ((m = NOTEBOOK.matcher(filter.strip())).matches()) {
      String path = m.group(1);
      return new PipelineFilter(p -> references(p, path));
    }
    if ((m = NAME_LIKE.matcher(filter.strip())).matches()) {
      Pattern like = like(m.group(1));
      return new PipelineFilter(p -> p.getName() != null && like.matcher(p.getName()).matches());
    }
    throw ApiException.invalid(
        "Unsupported filter: "
            + filter
            + ". Supported: notebook='<path>' or name LIKE '<pattern>'.");
  }

  @Override
  public boolean test(GetPipelineResponse p) {
    return test.test(p);
  }

  private static boolean references(GetPipelineResponse p, String path) {
    if (p.getSpec() == null || p.getSpec().getLibraries() == null) {
      return false;
    }
    for (PipelineLibrary l : p.getSpec().getLibraries()) {
      if (l.getNotebook() != null && path.equals(l.getNotebook().getPath())) {
        return true;
      }
    }
    return false;
  }

  /** A SQL LIKE pattern as a regex: % any run, _ one character, case-insensitive. */
  private static Pattern like(String pattern) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '%' -> re.append(".*");
        case '_' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }
}
