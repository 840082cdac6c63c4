package dev.databricksmcp.sandbox.commands;

import com.databricks.sdk.service.compute.CancelCommand;
import com.databricks.sdk.service.compute.Command;
import com.databricks.sdk.service.compute.CommandStatusResponse;
import com.databricks.sdk.service.compute.ContextStatus;
import com.databricks.sdk.service.compute.ContextStatusResponse;
import com.databricks.sdk.service.compute.CreateContext;
import com.databricks.sdk.service.compute.Created;
import com.databricks.sdk.service.compute.DestroyContext;
import com.databricks.sdk.service.compute.Language;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.compute.Clusters;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ApiModule;
import dev.databricksmcp.sandbox.http.ApiRequest;
import dev.databricksmcp.sandbox.http.Router;
import java.util.Map;
import java.util.Objects;

/**
 * The Command Execution API 1.2 (https://docs.databricks.com/api/command-execution/v2.md): create,
 * status and destroy of execution contexts, execute, status and cancel of commands. Its fields are
 * camelCase ({@code clusterId}, {@code contextId}, {@code commandId}), in the body of a POST and
 * the query of a GET. Who may use a cluster is who may manage it in the Clusters API (an admin, its
 * creator).
 */
public final class CommandExecutionApi implements ApiModule {
  private static final String CONTEXTS = "/api/1.2/contexts";
  private static final String COMMANDS = "/api/1.2/commands";

  private final ExecutionContexts contexts;
  private final Clusters clusters;

  CommandExecutionApi(ExecutionContexts contexts, Clusters clusters) {
    this.contexts = contexts;
    this.clusters = clusters;
  }

  @Override
  public void register(Router router) {
    router.post(CONTEXTS + "/create", this::create);
    router.get(
        CONTEXTS + "/status",
        r -> {
          ExecutionContext c = context(r, param(r, "clusterId"), param(r, "contextId"));
          return new ContextStatusResponse().setId(c.id).setStatus(ContextStatus.RUNNING);
        });
    router.post(
        CONTEXTS + "/destroy",
        r -> {
          DestroyContext req = r.bodyAs(DestroyContext.class);
          contexts.destroy(
              context(r, required(req.getClusterId(), "clusterId"), req.getContextId()));
          return Map.of();
        });
    router.post(COMMANDS + "/execute", this::execute);
    router.get(
        COMMANDS + "/status",
        r -> {
          ExecutionContext c = context(r, param(r, "clusterId"), param(r, "contextId"));
          RunningCommand cmd = contexts.command(c, required(param(r, "commandId"), "commandId"));
          return new CommandStatusResponse()
              .setId(cmd.id)
              .setStatus(cmd.status)
              .setResults(cmd.results);
        });
    router.post(
        COMMANDS + "/cancel",
        r -> {
          CancelCommand req = r.bodyAs(CancelCommand.class);
          ExecutionContext c = context(r, req.getClusterId(), req.getContextId());
          contexts.cancel(contexts.command(c, required(req.getCommandId(), "commandId")));
          return Map.of();
        });
  }

  private Created create(ApiRequest r) {
    CreateContext req = r.bodyAs(CreateContext.class);
    String clusterId = usable(r, required(req.getClusterId(), "clusterId"));
    Language language = language(req.getLanguage());
    return new Created().setId(contexts.create(clusterId, language, r.principal()).id);
  }

  private Created execute(ApiRequest r) {
    Command req = r.bodyAs(Command.class);
    ExecutionContext c = context(r, req.getClusterId(), req.getContextId());
    String text = required(req.getCommand(), "command");
    Language language = req.getLanguage() == null ? null : language(req.getLanguage());
    return new Created().setId(contexts.execute(c, text, language, r.principal()).id);
  }

  private ExecutionContext context(ApiRequest r, String clusterId, String contextId) {
    usable(r, required(clusterId, "clusterId"));
    return contexts.get(clusterId, required(contextId, "contextId"));
  }

  /** The cluster's id, when the caller may run commands on it. */
  private String usable(ApiRequest r, String clusterId) {
    Principal p = r.principal();
    if (!p.admin() && !Objects.equals(p.userName(), clusters.get(clusterId).getCreatorUserName())) {
      throw ApiException.denied(
          "User "
              + p.userName()
              + " does not have permission to attach to cluster "
              + clusterId
              + ".");
    }
    return clusterId;
  }

  private static Language language(Language language) {
    if (language == null) {
      throw ApiException.invalid("Missing required field: language");
    }
    return language;
  }

  private static String param(ApiRequest r, String name) {
    return r.queryParam(name).orElse(null);
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw ApiException.invalid("Missing required field: " + name);
    }
    return value;
  }
}
