package dev.databricksmcp.sandbox.compute;

import com.databricks.sdk.service.compute.Library;
import dev.databricksmcp.sandbox.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a library names and whether the sandbox could install it. A request naming no kind, several
 * kinds, or a kind without its required field (install-libraries.md: {@code jar}, {@code package},
 * {@code coordinates} are required) is refused at once; a value that is there but cannot be
 * installed (a package spec pip would not parse, maven coordinates that are not {@code
 * group:artifact:version}, a file outside the places the reference lists) is accepted and fails
 * later, during installation, as on Databricks. The sandbox reads no file and resolves no package:
 * a sound coordinate installs.
 */
final class LibraryCoordinates {
  /** PEP 508 names, extras and version specifiers (no URLs, no markers). */
  private static final String SPECIFIER = "\\s*(?:===|==|~=|!=|>=|<=|>|<)\\s*[A-Za-z0-9.*+!_-]+";

  private static final Pattern PYPI =
      Pattern.compile(
          "[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
              + "(?:\\s*\\[\\s*[A-Za-z0-9._-]+(?:\\s*,\\s*[A-Za-z0-9._-]+)*\\s*])?"
              + "(?:"
              + SPECIFIER
              + "(?:\\s*,"
              + SPECIFIER
              + ")*)?");

  private static final Pattern MAVEN_PART = Pattern.compile("[A-Za-z0-9._-]+");

  private static final Pattern CRAN = Pattern.compile("[A-Za-z][A-Za-z0-9.]*");

  /**
   * Where a library file may be: Unity Catalog volumes, workspace files, DBFS (older workspaces)
   * and the clouds' object stores (install-libraries.md, the {@code jar}/{@code whl} fields).
   */
  private static final List<String> FILE_PLACES =
      List.of("/Volumes/", "/Workspace/", "dbfs:/", "s3://", "s3a://", "abfss://", "gs://");

  private LibraryCoordinates() {}

  /** The library's kind (jar, egg, whl, pypi, maven, cran, requirements); refused unless one. */
  static String kind(Library l) {
    List<String> kinds = new ArrayList<>();
    if (l.getJar() != null) {
      kinds.add("jar");
    }
    if (l.getEgg() != null) {
      kinds.add("egg");
    }
    if (l.getWhl() != null) {
      kinds.add("whl");
    }
    if (l.getPypi() != null) {
      kinds.add("pypi");
    }
    if (l.getMaven() != null) {
      kinds.add("maven");
    }
    if (l.getCran() != null) {
      kinds.add("cran");
    }
    if (l.getRequirements() != null) {
      kinds.add("requirements");
    }
    if (kinds.size() != 1) {
      throw ApiException.invalid(
          "A library must name exactly one of jar, egg, whl, pypi, maven, cran, requirements"
              + (kinds.isEmpty() ? "." : "; got " + String.join(", ", kinds) + "."));
    }
    String kind = kinds.get(0);
    String required =
        switch (kind) {
          case "pypi" -> l.getPypi().getPackage();
          case "maven" -> l.getMaven().getCoordinates();
          case "cran" -> l.getCran().getPackage();
          default -> "given";
        };
    if (required == null || required.isBlank()) {
      throw ApiException.invalid(
          "Missing required field: "
              + kind
              + "."
              + (kind.equals("maven") ? "coordinates" : "package"));
    }
    return kind;
  }

  /** Whether the library's metadata comes from a repository first (RESOLVING); not for files. */
  static boolean resolvesFirst(String kind) {
    return !kind.equals("jar") && !kind.equals("egg") && !kind.equals("whl");
  }

  /** Why installing the library fails, or empty when it installs. */
  static Optional<String> failure(Library l) {
    String kind = kind(l);
    return switch (kind) {
      case "pypi" -> {
        String spec = l.getPypi().getPackage().strip();
        yield PYPI.matcher(spec).matches()
            ? Optional.empty()
            : Optional.of("ERROR: Invalid requirement: '" + spec + "'");
      }
      case "maven" -> maven(l.getMaven().getCoordinates());
      case "cran" ->
          CRAN.matcher(l.getCran().getPackage()).matches()
              ? Optional.empty()
              : Optional.of("Invalid CRAN package name '" + l.getCran().getPackage() + "'.");
      case "jar" -> file(l.getJar(), ".jar");
      case "egg" -> file(l.getEgg(), ".egg");
      case "whl" -> file(l.getWhl(), ".whl", ".wheelhouse.zip");
      default -> file(l.getRequirements(), ".txt");
    };
  }

  private static Optional<String> maven(String coordinates) {
    String[] parts = coordinates.strip().split(":", -1);
    boolean sound = parts.length == 3;
    for (String part : parts) {
      sound &= MAVEN_PART.matcher(part).matches();
    }
    return sound
        ? Optional.empty()
        : Optional.of(
            "Invalid maven coordinates '"
                + coordinates
                + "': expected groupId:artifactId:version, e.g. org.jsoup:jsoup:1.7.2.");
  }

  private static Optional<String> file(String path, String... endings) {
    String p = path.strip();
    boolean placed = FILE_PLACES.stream().anyMatch(p::startsWith);
    boolean named = false;
    for (String ending : endings) {
      named |= p.toLowerCase(Locale.ROOT).endsWith(ending) && p.length() > ending.length();
    }
    if (!placed) {
      return Optional.of(
          "Library file "
              + p
              + " is not in a supported location: a Unity Catalog volume (/Volumes/...), a"
              + " workspace file (/Workspace/...), dbfs:/ or cloud object storage.");
    }
    if (!named) {
      return Optional.of(
          "Library file " + p + " does not end in " + String.join(" or ", endings) + ".");
    }
    return Optional.empty();
  }
}
