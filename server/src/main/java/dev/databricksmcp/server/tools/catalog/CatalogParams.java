package dev.databricksmcp.server.tools.catalog;

import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;

/** The parameters the catalog tools share, declared once. */
public final class CatalogParams {
  /** A catalog's own name (the catalog tools' key). */
  public static final Param<String> NAME = Params.namePart("name", "Catalog name");

  /** The catalog an object lives in. */
  public static final Param<String> CATALOG_NAME = Params.namePart("catalog_name", "Catalog");

  /** The schema an object lives in. */
  public static final Param<String> SCHEMA_NAME = Params.namePart("schema_name", "Schema");

  /** A schema by its full name. */
  public static final Param<String> SCHEMA_FULL_NAME =
      Params.fullName("full_name", "catalog.schema", 2);

  /** A table or view by its full name. */
  public static final Param<String> TABLE_FULL_NAME =
      Params.fullName("full_name", "catalog.schema.table", 3);

  /** A volume by its full name. */
  public static final Param<String> VOLUME_FULL_NAME =
      Params.fullName("full_name", "catalog.schema.volume", 3);

  /** A function by its full name. */
  public static final Param<String> FUNCTION_FULL_NAME =
      Params.fullName("full_name", "catalog.schema.function", 3);

  /** A comment given on create. */
  public static final Param<String> COMMENT = Param.string("comment", "What it holds");

  /** A comment given on update. */
  public static final Param<String> NEW_COMMENT = Param.string("comment", "New comment");

  /** A new owner; changing it is confirmed first. */
  public static final Param<String> NEW_OWNER =
      Param.string("owner", "New owner (user, group or service principal)");

  /** Whether a delete also deletes what the object holds. */
  public static final Param<Boolean> FORCE =
      Param.bool("force", "Also delete everything in it").withDefault(false);

  private CatalogParams() {}
}
