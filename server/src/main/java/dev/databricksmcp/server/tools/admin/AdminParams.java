package dev.databricksmcp.server.tools.admin;

import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.ToolException;
import java.util.List;
import java.util.regex.Pattern;

/** The parameters the admin tools share. */
final class AdminParams {
  /**
   * Scope names and secret keys: "alphanumeric characters, dashes, underscores, and periods, and
   * may not exceed 128 characters" (create-scope.md, put-secret.md).
   */
  private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  static final Param<String> SCOPE =
      Param.string("scope", "Secret scope name (list_secret_scopes)")
          .required()
          .checkedBy(AdminParams::secretName);

  static final Param<String> KEY =
      Param.string("key", "Secret key within the scope (list_secrets)")
          .required()
          .checkedBy(AdminParams::secretName);

  /** 128 KB: the most a secret holds (put-secret.md). */
  static final Param<String> VALUE =
      Param.string(
              "value",
              "The secret's value, stored as text (at most 128 KB). Write-only: no tool ever shows"
                  + " it again, and it is kept out of results, errors and logs")
          .required()
          .maxLength(128 * 1024)
          .secret();

  static final Param<String> PRINCIPAL =
      Param.string(
              "principal",
              "Who the ACL is for: a user's e-mail, a service principal's application id, or a"
                  + " group name (list_groups)")
          .required();

  static final Param<String> PERMISSION =
      Param.choice(
              "permission",
              "MANAGE (change ACLs, read and write), WRITE (read and write secrets) or READ (list"
                  + " and read secrets)",
              List.of("READ", "WRITE", "MANAGE"))
          .required();

  /** A SCIM filter, passed through as Databricks takes it. */
  static final Param<String> FILTER =
      Param.string(
          "filter",
          "SCIM filter, e.g. displayName co \"data\" or userName eq \"a@b.com\" (operators eq, ne,"
              + " co, sw; and/or)");

  static final Param<String> NAME_CONTAINS =
      Param.string("name_contains", "Only those whose display name contains this text (any case)");

  private AdminParams() {}

  private static String secretName(String field, String value) {
    if (!SECRET_NAME.matcher(value).matches()) {
      throw ToolException.validation(
          field,
          "may hold only letters, digits, '-', '_' and '.', at most 128 of them (got '"
              + value
              + "')");
    }
    return value;
  }
}
