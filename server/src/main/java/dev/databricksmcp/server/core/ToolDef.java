package dev.databricksmcp.server.core;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One tool, declared as data: everything that registration, filtering, the {@code tools} command,
 * the README table and the tests need. Built only through {@link #builder}, which checks it.
 *
 * @param toolset the id of the {@link ToolsetModule} that declares it
 * @param view the {@code ui://} resource that shows its results in a host with MCP Apps, or null
 */
public record ToolDef(
    String toolset,
    String name,
    String title,
    String description,
    Map<String, Object> inputSchema,
    Map<String, Object> outputSchema,
    ToolHints hints,
    ToolHandler handler,
    TargetDescriber target,
    String checkWith,
    String view) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{2,63}");

  public ToolDef {
    Objects.requireNonNull(toolset, name + ": toolset");
    Objects.requireNonNull(hints, name + ": hints");
    Objects.requireNonNull(handler, name + ": handler");
    Objects.requireNonNull(inputSchema, name + ": inputSchema");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("tool name must be snake_case: " + name);
    }
    if (title == null || title.isBlank() || description == null || description.isBlank()) {
      throw new IllegalArgumentException(name + ": title and description are required");
    }
    if (!"object".equals(inputSchema.get("type"))) {
      throw new IllegalArgumentException(name + ": input schema must be an object schema");
    }
  }

  /** This tool, answered by another handler (one that wraps this tool's). */
  public ToolDef withHandler(ToolHandler other) {
    return new ToolDef(
        toolset,
        name,
        title,
        description,
        inputSchema,
        outputSchema,
        hints,
        other,
        target,
        checkWith,
        view);
  }

  /** This tool, with its confirmations described by another describer. */
  public ToolDef withTarget(TargetDescriber other) {
    return new ToolDef(
        toolset,
        name,
        title,
        description,
        inputSchema,
        outputSchema,
        hints,
        handler,
        other,
        checkWith,
        view);
  }

  /** Without a view of its results. */
  public ToolDef(
      String toolset,
      String name,
      String title,
      String description,
      Map<String, Object> inputSchema,
      Map<String, Object> outputSchema,
      ToolHints hints,
      ToolHandler handler,
      TargetDescriber target,
      String checkWith) {
    this(
        toolset,
        name,
        title,
        description,
        inputSchema,
        outputSchema,
        hints,
        handler,
        target,
        checkWith,
        null);
  }

  /** Without a read tool to check a write with. */
  public ToolDef(
      String toolset,
      String name,
      String title,
      String description,
      Map<String, Object> inputSchema,
      Map<String, Object> outputSchema,
      ToolHints hints,
      ToolHandler handler,
      TargetDescriber target) {
    this(
        toolset, name, title, description, inputSchema, outputSchema, hints, handler, target, null);
  }

  /** Without a target describer: confirmations describe the call by its arguments alone. */
  public ToolDef(
      String toolset,
      String name,
      String title,
      String description,
      Map<String, Object> inputSchema,
      Map<String, Object> outputSchema,
      ToolHints hints,
      ToolHandler handler) {
    this(toolset, name, title, description, inputSchema, outputSchema, hints, handler, null, null);
  }

  /** The argument through which a destructive call carries its confirmation token. */
  public static final String CONFIRMATION_TOKEN = "confirmation_token";

  public boolean readOnly() {
    return hints.readOnly();
  }

  /**
   * @param toolsetId the id of the module that declares the tool, e.g. {@code CatalogToolset.ID}
   */
  public static Builder builder(String toolsetId, String name) {
    return new Builder(toolsetId, name);
  }

  /** Fluent construction; {@link #build()} validates. */
  public static final class Builder {
    private final String toolset;
    private final String name;
    private String title;
    private String description;
    private Map<String, Object> inputSchema = Schema.object().build();
    private Map<String, Object> outputSchema;
    private ToolHints hints;
    private ToolHandler handler;
    private TargetDescriber target;
    private String checkWith;
    private String view;

    private Builder(String toolset, String name) {
      this.toolset = toolset;
      this.name = name;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder input(Schema.ObjectBuilder schema) {
      this.inputSchema = schema.build();
      return this;
    }

    public Builder output(Map<String, Object> schema) {
      this.outputSchema = schema;
      return this;
    }

    public Builder hints(ToolHints hints) {
      this.hints = hints;
      return this;
    }

    public Builder handler(ToolHandler handler) {
      this.handler = handler;
      return this;
    }

    /** For destructive tools: how to describe (and fingerprint) the object a call would act on. */
    public Builder confirmTarget(TargetDescriber target) {
      this.target = target;
      return this;
    }

    /**
     * For write tools: the read tool that shows whether a call took effect, named when the outcome
     * is unknown (a timeout, a lost answer) so the model checks before it retries.
     */
    public Builder checkWith(String readTool) {
      this.checkWith = readTool;
      return this;
    }

    /**
     * For tools whose results are rows: the {@code ui://} view a host with MCP Apps shows them in.
     */
    public Builder view(String resourceUri) {
      this.view = resourceUri;
      return this;
    }

    public ToolDef build() {
      Map<String, Object> schema = inputSchema;
      if (hints != null && hints.destructive()) {
        schema = Schema.withConfirmationToken(inputSchema);
      }
      return new ToolDef(
          toolset,
          name,
          title,
          description,
          schema,
          outputSchema,
          hints,
          handler,
          target,
          checkWith,
          view);
    }
  }
}
