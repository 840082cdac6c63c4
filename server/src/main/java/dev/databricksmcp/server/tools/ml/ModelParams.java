package dev.databricksmcp.server.tools.ml;

import dev.databricksmcp.server.core.Names;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.ToolException;
import java.util.regex.Pattern;

/** The parameters the model tools share, declared once. */
final class ModelParams {
  /** A registered model by its full name, lower-case as Unity Catalog stores it. */
  static final Param<String> FULL_NAME =
      Params.fullName("full_name", "Registered model: catalog.schema.model", 3);

  /** A catalog to list the models of (with schema_name). */
  static final Param<String> CATALOG_FILTER =
      Param.string("catalog_name", "Only this catalog's models (give schema_name too)")
          .checkedBy(Names::part);

  /** A schema to list the models of (with catalog_name). */
  static final Param<String> SCHEMA_FILTER =
      Param.string("schema_name", "Only this schema's models (give catalog_name too)")
          .checkedBy(Names::part);

  /** A version by number or by alias: "2", 2, "@champion". */
  static final Param<String> VERSION_OR_ALIAS =
      Param.string("version", "Version number (2) or alias (@champion)")
          .checkedBy(ModelParams::versionOrAlias)
          .required();

  /** A version by number. */
  static final Param<Integer> VERSION =
      Param.integer("version", "Version number").range(1, Integer.MAX_VALUE).required();

  /** An alias, with or without its '@'. */
  static final Param<String> ALIAS =
      Param.string("alias", "Alias, e.g. champion or @champion")
          .checkedBy(ModelParams::alias)
          .required();

  /**
   * What an alias may be here: letters, digits, '_' and '-' (it becomes a URL path segment);
   * stricter than MLflow's own rule, which the reference does not spell out.
   */
  private static final Pattern ALIAS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  private ModelParams() {}

  /** The alias without its '@'. */
  static String alias(String field, String value) {
    String a = value.trim();
    a = a.startsWith("@") ? a.substring(1) : a;
    if (!ALIAS_NAME.matcher(a).matches()) {
      throw ToolException.validation(
          field,
          "must be an alias of letters, digits, '_' or '-' (e.g. champion), got '" + value + "'");
    }
    return a;
  }

  /** A version number as digits, or an alias as '@alias'. */
  static String versionOrAlias(String field, String value) {
    String v = value.trim();
    if (v.matches("[vV]?[0-9]{1,18}")) {
      long n = Long.parseLong(v.replaceFirst("^[vV]", ""));
      if (n < 1) {
        throw ToolException.validation(field, "version numbers start at 1, got '" + value + "'");
      }
      return String.valueOf(n);
    }
    return "@" + alias(field, v);
  }

  /** True when a checked {@link #VERSION_OR_ALIAS} value names an alias. */
  static boolean isAlias(String checked) {
    return checked.startsWith("@");
  }
}
