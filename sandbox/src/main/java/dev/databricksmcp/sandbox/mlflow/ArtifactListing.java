package dev.databricksmcp.sandbox.mlflow;

import com.databricks.sdk.service.ml.FileInfo;
import dev.databricksmcp.sandbox.http.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * artifacts/list (list-artifacts.md): the files and directories directly under {@code path} of a
 * run's artifact root, each with its path relative to the root, {@code is_dir} and, for a file,
 * {@code file_size}. The sandbox keeps only the listing (no bytes). A path with nothing under it
 * lists nothing, as MLflow's artifact repositories answer; a path that leaves the root is refused.
 */
final class ArtifactListing {
  record Page(String rootUri, List<FileInfo> files, Integer nextOffset) {}

  private ArtifactListing() {}

  static Page list(MlflowTracking tracking, String runId, String path, int offset, int size) {
    String dir = path == null ? "" : path.replaceAll("^/+|/+$", "");
    if (dir.equals("..") || dir.startsWith("../") || dir.contains("/../")) {
      throw ApiException.invalid("Invalid path: " + path);
    }
    TrackedRun.Artifacts run = tracking.artifacts(runId);
    String prefix = dir.isEmpty() ? "" : dir + "/";
    List<FileInfo> children = new ArrayList<>();
    for (FileInfo f : run.files()) {
      String p = f.getPath();
      if (p.startsWith(prefix)
          && p.length() > prefix.length()
          && p.indexOf('/', prefix.length()) < 0) {
        children.add(new FileInfo().setPath(p).setIsDir(f.getIsDir()).setFileSize(f.getFileSize()));
      }
    }
    int from = Math.min(offset, children.size());
    int to = Math.min(children.size(), from + size);
    return new Page(run.rootUri(), children.subList(from, to), to < children.size() ? to : null);
  }
}
