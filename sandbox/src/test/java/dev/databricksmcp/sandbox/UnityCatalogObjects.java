package dev.databricksmcp.sandbox;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.catalog.ColumnTypeName;
import com.databricks.sdk.service.catalog.CreateFunction;
import com.databricks.sdk.service.catalog.CreateFunctionParameterStyle;
import com.databricks.sdk.service.catalog.CreateFunctionRequest;
import com.databricks.sdk.service.catalog.CreateFunctionRoutineBody;
import com.databricks.sdk.service.catalog.CreateFunctionSecurityType;
import com.databricks.sdk.service.catalog.CreateFunctionSqlDataAccess;
import com.databricks.sdk.service.catalog.CreateVolumeRequestContent;
import com.databricks.sdk.service.catalog.FunctionInfo;
import com.databricks.sdk.service.catalog.FunctionParameterInfo;
import com.databricks.sdk.service.catalog.FunctionParameterInfos;
import com.databricks.sdk.service.catalog.GetGrantRequest;
import com.databricks.sdk.service.catalog.ListFunctionsRequest;
import com.databricks.sdk.service.catalog.ListVolumesRequest;
import com.databricks.sdk.service.catalog.PermissionsChange;
import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.PrivilegeAssignment;
import com.databricks.sdk.service.catalog.UpdatePermissions;
import com.databricks.sdk.service.catalog.VolumeInfo;
import com.databricks.sdk.service.catalog.VolumeType;
import com.databricks.sdk.service.sql.ExecuteStatementRequest;
import com.databricks.sdk.service.sql.StatementState;
import dev.databricksmcp.sandbox.sql.Warehouses;
import java.util.List;
import java.util.stream.StreamSupport;

/** Unity Catalog objects made and read through the real SDK, for tests. */
final class UnityCatalogObjects {
  private UnityCatalogObjects() {}

  static StatementState run(WorkspaceClient w, String sql) {
    return w.statementExecution()
        .executeStatement(
            new ExecuteStatementRequest()
                .setWarehouseId(Warehouses.STARTER_ID)
                .setStatement(sql)
                .setWaitTimeout("30s"))
        .getStatus()
        .getState();
  }

  static VolumeInfo volume(WorkspaceClient w, String catalog, String schema, String name) {
    return w.volumes()
        .create(
            new CreateVolumeRequestContent()
                .setCatalogName(catalog)
                .setSchemaName(schema)
                .setName(name)
                .setVolumeType(VolumeType.MANAGED));
  }

  /** {@code name(x INT) RETURNS INT RETURN x + 1}, callable from SQL. */
  static FunctionInfo plusOne(WorkspaceClient w, String catalog, String schema, String name) {
    return w.functions()
        .create(
            new CreateFunctionRequest()
                .setFunctionInfo(
                    new CreateFunction()
                        .setCatalogName(catalog)
                        .setSchemaName(schema)
                        .setName(name)
                        .setInputParams(
                            new FunctionParameterInfos()
                                .setParameters(
                                    List.of(
                                        new FunctionParameterInfo()
                                            .setName("x")
                                            .setTypeName(ColumnTypeName.INT)
                                            .setTypeText("int")
                                            .setPosition(0L))))
                        .setDataType(ColumnTypeName.INT)
                        .setFullDataType("int")
                        .setRoutineBody(CreateFunctionRoutineBody.SQL)
                        .setRoutineDefinition("x + 1")
                        .setParameterStyle(CreateFunctionParameterStyle.S)
                        .setIsDeterministic(true)
                        .setIsNullCall(false)
                        .setSqlDataAccess(CreateFunctionSqlDataAccess.CONTAINS_SQL)
                        .setSecurityType(CreateFunctionSecurityType.DEFINER)
                        .setSpecificName(name)
                        .setSqlPath("")));
  }

  static void grant(
      WorkspaceClient w, String type, String fullName, String principal, Privilege... privileges) {
    w.grants()
        .update(
            new UpdatePermissions()
                .setSecurableType(type)
                .setFullName(fullName)
                .setChanges(
                    List.of(
                        new PermissionsChange()
                            .setPrincipal(principal)
                            .setAdd(List.of(privileges)))));
  }

  /** Direct grants on a securable (none as an empty list). */
  static List<PrivilegeAssignment> grants(WorkspaceClient w, String type, String fullName) {
    java.util.Collection<PrivilegeAssignment> out =
        w.grants()
            .get(new GetGrantRequest().setSecurableType(type).setFullName(fullName))
            .getPrivilegeAssignments();
    return out == null ? List.of() : List.copyOf(out);
  }

  static List<String> volumeNames(WorkspaceClient w, String catalog, String schema) {
    return StreamSupport.stream(
            w.volumes()
                .list(new ListVolumesRequest().setCatalogName(catalog).setSchemaName(schema))
                .spliterator(),
            false)
        .map(VolumeInfo::getName)
        .toList();
  }

  static List<String> functionNames(WorkspaceClient w, String catalog, String schema) {
    return StreamSupport.stream(
            w.functions()
                .list(new ListFunctionsRequest().setCatalogName(catalog).setSchemaName(schema))
                .spliterator(),
            false)
        .map(FunctionInfo::getName)
        .toList();
  }
}
