package dev.databricksmcp.server.tools.compute;

import com.databricks.sdk.service.compute.Library;
import com.databricks.sdk.service.compute.LibraryFullStatus;
import com.databricks.sdk.service.compute.LibraryInstallStatus;
import com.databricks.sdk.service.compute.MavenLibrary;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cluster library as the library tools answer it (docs/OUTPUT.md): the library in words ({@code
 * "pypi: pandas==2.2.0"}, {@code "maven: org.jsoup:jsoup:1.7.2"}, {@code "jar: /Volumes/…"}), its
 * {@code type}, its {@code status} and, when Databricks says something, its {@code messages}.
 */
final class LibraryRows {
  private LibraryRows() {}

  static Map<String, Object> row(LibraryFullStatus s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("library", words(s.getLibrary()));
    out.put("type", type(s.getLibrary()));
    out.put("status", s.getStatus() == null ? null : s.getStatus().toString());
    if (s.getMessages() != null && !s.getMessages().isEmpty()) {
      out.put("messages", List.copyOf(s.getMessages()));
    }
    if (Boolean.TRUE.equals(s.getIsLibraryForAllClusters())) {
      out.put("for_all_clusters", true);
    }
    return out;
  }

  static List<Map<String, Object>> rows(Collection<LibraryFullStatus> statuses) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (statuses != null) {
      statuses.forEach(s -> out.add(row(s)));
    }
    return out;
  }

  /** The library's kind: pypi, maven, cran, jar, whl, requirements or egg. */
  static String type(Library l) {
    if (l == null) {
      return null;
    }
    if (l.getPypi() != null) {
      return "pypi";
    }
    if (l.getMaven() != null) {
      return "maven";
    }
    if (l.getCran() != null) {
      return "cran";
    }
    if (l.getJar() != null) {
      return "jar";
    }
    if (l.getWhl() != null) {
      return "whl";
    }
    if (l.getRequirements() != null) {
      return "requirements";
    }
    return l.getEgg() != null ? "egg" : "unknown";
  }

  /** The library in words: its kind, what it names, and the repository when one is given. */
  static String words(Library l) {
    String type = type(l);
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "pypi" -> "pypi: " + l.getPypi().getPackage() + repo(l.getPypi().getRepo());
      case "cran" -> "cran: " + l.getCran().getPackage() + repo(l.getCran().getRepo());
      case "maven" -> maven(l.getMaven());
      case "jar" -> "jar: " + l.getJar();
      case "whl" -> "whl: " + l.getWhl();
      case "requirements" -> "requirements: " + l.getRequirements();
      case "egg" -> "egg: " + l.getEgg();
      default -> "unknown library";
    };
  }

  /** How many libraries are in each status, e.g. {INSTALLED=2, FAILED=1}, in status order. */
  static Map<String, Integer> tally(Collection<LibraryFullStatus> statuses) {
    Map<LibraryInstallStatus, Integer> byStatus = new TreeMap<>();
    for (LibraryFullStatus s : statuses) {
      if (s.getStatus() != null) {
        byStatus.merge(s.getStatus(), 1, Integer::sum);
      }
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    byStatus.forEach((k, v) -> out.put(k.toString(), v));
    return out;
  }

  /** "2 INSTALLED, 1 FAILED", or "none". */
  static String tallyWords(Collection<LibraryFullStatus> statuses) {
    List<String> parts = new ArrayList<>();
    tally(statuses).forEach((status, n) -> parts.add(n + " " + status));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private static String maven(MavenLibrary m) {
    StringBuilder out = new StringBuilder("maven: ").append(m.getCoordinates());
    if (m.getExclusions() != null && !m.getExclusions().isEmpty()) {
      out.append(" (excluding ").append(String.join(", ", m.getExclusions())).append(')');
    }
    return out.append(repo(m.getRepo())).toString();
  }

  private static String repo(String repo) {
    return repo == null || repo.isBlank() ? "" : " from " + repo;
  }
}
