package dev.databricksmcp.sandbox.files;

import dev.databricksmcp.sandbox.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A path in a volume: the volume's full name (lower case) and the canonical path. Refuses anything
 * outside {@code /Volumes/<catalog>/<schema>/<volume>/} and any path {@link FilePaths} refuses.
 */
public record VolumePath(String volume, String path) {
  /**
   * @param raw the path, with or without its leading '/'
   * @param field the request field named in an error
   */
  public static VolumePath of(String raw, String field) {
    String canonical = FilePaths.canonical(raw.startsWith("/") ? raw : "/" + raw, field);
    List<String> s = new ArrayList<>(FilePaths.segments(canonical, field));
    if (s.size() < 4 || !s.get(0).equals("Volumes")) {
      throw ApiException.invalid(
          "Invalid "
              + field
              + ": the sandbox serves files in volumes only, under"
              + " /Volumes/<catalog>/<schema>/<volume>/.");
    }
    for (int i = 1; i <= 3; i++) {
      s.set(i, s.get(i).toLowerCase(Locale.ROOT));
    }
    return new VolumePath(s.get(1) + "." + s.get(2) + "." + s.get(3), "/" + String.join("/", s));
  }

  public boolean isRoot() {
    return path.equals(VolumeFiles.root(volume));
  }
}
