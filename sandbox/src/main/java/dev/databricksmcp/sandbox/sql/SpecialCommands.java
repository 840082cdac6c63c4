package dev.databricksmcp.sandbox.sql;

import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.ColumnInfo;
import com.databricks.sdk.service.catalog.SchemaInfo;
import com.databricks.sdk.service.catalog.TableInfo;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.sql.SqlTokenizer.Token;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.Metastore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Databricks commands answered from Unity Catalog rather than run in DuckDB: SHOW CATALOGS /
 * SCHEMAS / TABLES, DESCRIBE [TABLE], DESCRIBE DETAIL, USE. Output columns as Databricks names
 * them.
 */
final class SpecialCommands {
  private static final String STRING = "VARCHAR";

  private SpecialCommands() {}

  /** The result when the statement is one of these commands; empty otherwise. */
  static Optional<QueryResult> run(
      List<Token> statement,
      SqlTranslator.Context context,
      Metastore metastore,
      Grants grants,
      Principal principal) {
    List<Token> words = statement.stream().filter(Token::significant).toList();
    if (words.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (words.get(0).is("SHOW")) {
        return Optional.of(show(words, context, metastore));
      }
      if (words.get(0).is("DESCRIBE") || words.get(0).is("DESC")) {
        return Optional.of(describe(words, context, metastore));
      }
      if (words.get(0).is("USE")) {
        return Optional.of(QueryResult.empty());
      }
      if (words.size() > 1
          && (words.get(0).is("CREATE") || words.get(0).is("DROP"))
          && (words.get(1).is("SCHEMA")
              || words.get(1).is("DATABASE")
              || words.get(1).is("CATALOG"))) {
        return Optional.of(schemaOrCatalog(words, context, metastore, grants, principal));
      }
    } catch (ApiException e) {
      throw new SqlError(notFoundClass(e), "42704", e.getMessage());
    }
    return Optional.empty();
  }

  private static QueryResult show(
      List<Token> w, SqlTranslator.Context context, Metastore metastore) {
    String what = w.size() > 1 ? w.get(1).text().toUpperCase(Locale.ROOT) : "";
    int at = 2;
    List<String> target = List.of();
    if (w.size() > at && (w.get(at).is("IN") || w.get(at).is("FROM"))) {
      target = name(w, at + 1);
      at += 1 + 2 * target.size() - 1;
    }
    Pattern like = like(w, at);
    List<List<String>> rows = new ArrayList<>();
    switch (what) {
      case "CATALOGS" -> {
        for (CatalogInfo c : metastore.catalogs()) {
          if (like.matcher(c.getName()).matches()) {
            rows.add(List.of(c.getName()));
          }
        }
        return new QueryResult(List.of(new QueryResult.Column("catalog", STRING)), rows);
      }
      case "SCHEMAS", "DATABASES" -> {
        String catalog = target.isEmpty() ? context.catalog() : target.get(0);
        for (SchemaInfo s : metastore.schemas(catalog)) {
          if (like.matcher(s.getName()).matches()) {
            rows.add(List.of(s.getName()));
          }
        }
        return new QueryResult(List.of(new QueryResult.Column("databaseName", STRING)), rows);
      }
      case "TABLES", "VIEWS" -> {
        String catalog = target.size() == 2 ? target.get(0) : context.catalog();
        String schema = target.isEmpty() ? context.schema() : target.get(target.size() - 1);
        metastore.requireSchema(catalog, schema);
        for (TableInfo t : metastore.tables(catalog, schema, false)) {
          boolean view = t.getTableType() == com.databricks.sdk.service.catalog.TableType.VIEW;
          if (like.matcher(t.getName()).matches() && (what.equals("TABLES") || view)) {
            rows.add(List.of(schema, t.getName(), "false"));
          }
        }
        return new QueryResult(
            List.of(
                new QueryResult.Column("database", STRING),
                new QueryResult.Column("tableName", STRING),
                new QueryResult.Column("isTemporary", "BOOLEAN")),
            rows);
      }
      default ->
          throw new SqlError(
              "UNSUPPORTED_FEATURE", "0A000", "The sandbox does not support SHOW " + what + ".");
    }
  }

  /** CREATE / DROP SCHEMA and CATALOG go through Unity Catalog, with its privileges. */
  private static QueryResult schemaOrCatalog(
      List<Token> w,
      SqlTranslator.Context context,
      Metastore metastore,
      Grants grants,
      Principal principal) {
    boolean create = w.get(0).is("CREATE");
    boolean catalogLevel = w.get(1).is("CATALOG");
    int at = 2;
    boolean guarded = false;
    if (at + 1 < w.size() && w.get(at).is("IF")) {
      guarded = true;
      at += create ? 3 : 2; // IF NOT EXISTS / IF EXISTS
    }
    List<String> name = name(w, at);
    String comment = null;
    for (int i = at; i + 1 < w.size(); i++) {
      if (w.get(i).is("COMMENT")) {
        comment = w.get(i + 1).value();
      }
    }
    boolean cascade = w.stream().anyMatch(t -> t.is("CASCADE"));
    if (catalogLevel) {
      String catalog = name.get(0);
      boolean exists = metastore.catalog(catalog).isPresent();
      if (create && !exists) {
        if (!principal.admin()) {
          throw new SqlError(
              "INSUFFICIENT_PERMISSIONS",
              "42501",
              "Insufficient privileges: User does not have CREATE CATALOG on Metastore.");
        }
        metastore.createCatalog(catalog, comment, principal.userName());
      } else if (!create && exists) {
        grants.requireOwner(principal, catalog, "Catalog");
        metastore.deleteCatalog(catalog, cascade);
      } else if (!guarded) {
        throw new SqlError(
            create ? "CATALOG_ALREADY_EXISTS" : "CATALOG_NOT_FOUND",
            create ? "42P04" : "42704",
            "Catalog `" + catalog + "` " + (create ? "already exists." : "cannot be found."));
      }
      return QueryResult.empty();
    }
    String catalog = name.size() == 2 ? name.get(0) : context.catalog();
    String schema = name.get(name.size() - 1);
    metastore.requireCatalog(catalog);
    boolean exists =
        metastore.schemas(catalog).stream().anyMatch(x -> x.getName().equalsIgnoreCase(schema));
    try {
      if (create && !exists) {
        metastore.requireWritable(catalog);
        grants.requireCreateSchema(principal, catalog);
        metastore.createSchema(catalog, schema, comment, principal.userName());
      } else if (!create && exists) {
        grants.requireOwner(principal, catalog + "." + schema, "Schema");
        metastore.deleteSchema(catalog, schema, cascade);
      } else if (!guarded) {
        throw new SqlError(
            create ? "SCHEMA_ALREADY_EXISTS" : "SCHEMA_NOT_FOUND",
            create ? "42P06" : "42704",
            "Schema `"
                + catalog
                + "."
                + schema
                + "` "
                + (create ? "already exists." : "cannot be found."));
      }
    } catch (ApiException e) {
      if (e.code() == dev.databricksmcp.sandbox.http.ErrorCode.PERMISSION_DENIED) {
        throw new SqlError(
            "INSUFFICIENT_PERMISSIONS", "42501", "Insufficient privileges: " + e.getMessage());
      }
      throw e;
    }
    return QueryResult.empty();
  }

  private static QueryResult describe(
      List<Token> w, SqlTranslator.Context context, Metastore metastore) {
    int at = 1;
    boolean detail = false;
    while (at < w.size()
        && (w.get(at).is("TABLE") || w.get(at).is("EXTENDED") || w.get(at).is("DETAIL"))) {
      detail |= w.get(at).is("DETAIL");
      at++;
    }
    List<String> parts = name(w, at);
    String catalog = parts.size() == 3 ? parts.get(0) : context.catalog();
    String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : context.schema();
    TableInfo table = metastore.requireTable(catalog, schema, parts.get(parts.size() - 1));
    if (detail) {
      return new QueryResult(
          List.of(
              col("format"),
              col("id"),
              col("name"),
              col("description"),
              col("location"),
              col("createdAt"),
              col("numFiles"),
              col("sizeInBytes")),
          List.of(
              java.util.Arrays.asList(
                  "delta",
                  table.getTableId(),
                  table.getFullName(),
                  table.getComment(),
                  table.getStorageLocation(),
                  java.time.Instant.ofEpochMilli(table.getCreatedAt()).toString(),
                  "1",
                  "0")));
    }
    List<List<String>> rows = new ArrayList<>();
    for (ColumnInfo c : table.getColumns()) {
      rows.add(java.util.Arrays.asList(c.getName(), c.getTypeText(), c.getComment()));
    }
    return new QueryResult(List.of(col("col_name"), col("data_type"), col("comment")), rows);
  }

  private static QueryResult.Column col(String name) {
    return new QueryResult.Column(name, STRING);
  }

  /** A dotted name starting at index i (backticks removed). */
  private static List<String> name(List<Token> w, int i) {
    List<String> parts = new ArrayList<>();
    if (i >= w.size()) {
      throw new SqlError(
          "PARSE_SYNTAX_ERROR",
          "42601",
          "Syntax error: a name is missing at the end of the statement.");
    }
    parts.add(unquote(w.get(i)));
    while (i + 2 < w.size() && w.get(i + 1).isSymbol(".")) {
      parts.add(unquote(w.get(i + 2)));
      i += 2;
    }
    return parts;
  }

  private static Pattern like(List<Token> w, int at) {
    for (int i = at; i < w.size(); i++) {
      if (w.get(i).is("LIKE") && i + 1 < w.size()) {
        String pattern = w.get(i + 1).value();
        StringBuilder regex = new StringBuilder("(?i)");
        for (String alt : pattern.split("\\|")) {
          if (regex.length() > 4) {
            regex.append('|');
          }
          for (char c : alt.toCharArray()) {
            regex.append(c == '*' || c == '%' ? ".*" : Pattern.quote(String.valueOf(c)));
          }
        }
        return Pattern.compile(regex.toString());
      }
    }
    return Pattern.compile(".*");
  }

  private static String unquote(Token t) {
    return t.value();
  }

  private static String notFoundClass(ApiException e) {
    return switch (e.code()) {
      case CATALOG_DOES_NOT_EXIST -> "CATALOG_NOT_FOUND";
      case SCHEMA_DOES_NOT_EXIST -> "SCHEMA_NOT_FOUND";
      case TABLE_DOES_NOT_EXIST -> "TABLE_OR_VIEW_NOT_FOUND";
      default -> "INVALID_PARAMETER_VALUE";
    };
  }
}
