package dev.databricksmcp.server.tools.compute;

import com.databricks.sdk.service.compute.Library;
import com.databricks.sdk.service.compute.MavenLibrary;
import com.databricks.sdk.service.compute.PythonPyPiLibrary;
import com.databricks.sdk.service.compute.RCranLibrary;
import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The libraries a call names, as simple lists (one per kind), turned into the Libraries API's
 * {@link Library} objects. Only what is wrong whatever Databricks would make of it is refused here,
 * as a VALIDATION_ERROR on its field: an empty entry, maven coordinates that are not {@code
 * groupId:artifactId:version}, a file that is neither a workspace path nor a URI. Whether a package
 * exists, or a file is there, is Databricks' to find out: such a library ends FAILED with its
 * reason, which the tools report.
 */
final class LibraryRequest {
  static final Param<List<String>> PYPI =
      Param.stringList("pypi", "PyPI package specs, e.g. [\"pandas==2.2.0\", \"requests>=2.31\"]");
  static final Param<String> PYPI_REPO =
      Param.string("pypi_repo", "Package index for the pypi packages (default: PyPI)");
  static final Param<List<String>> MAVEN =
      Param.stringList(
          "maven",
          "Maven coordinates groupId:artifactId:version, e.g. [\"org.jsoup:jsoup:1.7.2\"]");
  static final Param<String> MAVEN_REPO =
      Param.string(
          "maven_repo", "Maven repository for the maven coordinates (default: Maven Central)");
  static final Param<List<String>> CRAN = Param.stringList("cran", "CRAN package names");
  static final Param<List<String>> JAR =
      Param.stringList("jar", "JAR files: /Volumes/..., /Workspace/..., dbfs:/ or s3:// paths");
  static final Param<List<String>> WHL =
      Param.stringList("whl", "Python wheel files: /Volumes/..., /Workspace/... or cloud paths");
  static final Param<List<String>> REQUIREMENTS =
      Param.stringList("requirements", "requirements.txt files: /Volumes/... or /Workspace/...");

  /** The kinds, in the order a call's libraries are listed. */
  static final List<Param<?>> PARAMS =
      List.of(PYPI, PYPI_REPO, MAVEN, MAVEN_REPO, CRAN, JAR, WHL, REQUIREMENTS);

  private static final Pattern MAVEN_COORDINATES =
      Pattern.compile("[A-Za-z0-9._-]+:[A-Za-z0-9._-]+:[A-Za-z0-9._+-]+");

  private LibraryRequest() {}

  /** The libraries the call names, in the order of {@link #PARAMS}; at least one. */
  static List<Library> libraries(Args args) {
    List<Library> out = new ArrayList<>();
    String pypiRepo = blankToNull(PYPI_REPO.optional(args).orElse(null));
    String mavenRepo = blankToNull(MAVEN_REPO.optional(args).orElse(null));
    add(
        out,
        args,
        PYPI,
        spec -> new Library().setPypi(new PythonPyPiLibrary().setPackage(spec).setRepo(pypiRepo)));
    add(
        out,
        args,
        MAVEN,
        coordinates -> {
          if (!MAVEN_COORDINATES.matcher(coordinates).matches()) {
            throw ToolException.validation(
                MAVEN.name(),
                "'"
                    + coordinates
                    + "' is not groupId:artifactId:version (e.g. org.jsoup:jsoup:1.7.2)");
          }
          return new Library()
              .setMaven(new MavenLibrary().setCoordinates(coordinates).setRepo(mavenRepo));
        });
    add(out, args, CRAN, name -> new Library().setCran(new RCranLibrary().setPackage(name)));
    add(out, args, JAR, path -> new Library().setJar(path(JAR, path)));
    add(out, args, WHL, path -> new Library().setWhl(path(WHL, path)));
    add(out, args, REQUIREMENTS, path -> new Library().setRequirements(path(REQUIREMENTS, path)));
    if (out.isEmpty()) {
      throw ToolException.validation(
          PYPI.name(),
          "name at least one library: pypi, maven, cran, jar, whl or requirements (each a list)");
    }
    if (pypiRepo != null && PYPI.optional(args).orElse(List.of()).isEmpty()) {
      throw ToolException.validation(PYPI_REPO.name(), "is for pypi packages; none were given");
    }
    if (mavenRepo != null && MAVEN.optional(args).orElse(List.of()).isEmpty()) {
      throw ToolException.validation(
          MAVEN_REPO.name(), "is for maven coordinates; none were given");
    }
    return out;
  }

  private static void add(
      List<Library> out, Args args, Param<List<String>> param, Function<String, Library> make) {
    for (String given : param.optional(args).orElse(List.of())) {
      String value = given == null ? "" : given.strip();
      if (value.isEmpty()) {
        throw ToolException.validation(param.name(), "has an empty entry");
      }
      Library library = make.apply(value);
      if (!out.contains(library)) {
        out.add(library);
      }
    }
  }

  /** A workspace or volume path, or a URI (dbfs:/, s3://, abfss://, gs://…). */
  private static String path(Param<List<String>> param, String path) {
    boolean absolute = path.startsWith("/");
    boolean uri = path.toLowerCase(Locale.ROOT).matches("[a-z][a-z0-9+.-]*:/.*");
    if (!absolute && !uri) {
      throw ToolException.validation(
          param.name(),
          "'"
              + path
              + "' is not a path: give /Volumes/<catalog>/<schema>/<volume>/..., /Workspace/..."
              + " or a URI such as dbfs:/... or s3://...");
    }
    return path;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
