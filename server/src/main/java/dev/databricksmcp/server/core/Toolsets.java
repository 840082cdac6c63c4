package dev.databricksmcp.server.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every toolset module of the server, in a stable order (the always-on workspace toolset first,
 * then by id), and the one place that turns them into the tool inventory, checking it: every module
 * has tools, ids and tool names are unique, and each tool belongs to the module that declares it.
 */
public final class Toolsets {
  /** The one list of modules, read by {@link ServiceLoader}. */
  public static final String SERVICES_FILE = "META-INF/services/" + ToolsetModule.class.getName();

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{1,31}");
  private static final Set<String> RESERVED = Set.of("all", "default");
  private static volatile Toolsets discovered;

  private final List<ToolsetModule> modules;
  private final Map<String, ToolsetModule> byId;

  /** Checks the ids (well formed, unique, not "all" or "default") and orders the modules. */
  public Toolsets(List<? extends ToolsetModule> modules) {
    Map<String, ToolsetModule> ids = new LinkedHashMap<>();
    for (ToolsetModule module : modules) {
      String id = module.id();
      if (id == null || !ID.matcher(id).matches() || RESERVED.contains(id)) {
        throw new IllegalStateException(
            module.getClass().getName()
                + ": toolset id must be lowercase and not all/default: "
                + id);
      }
      ToolsetModule before = ids.put(id, module);
      if (before != null) {
        throw new IllegalStateException(
            "duplicate toolset id '"
                + id
                + "': "
                + before.getClass().getName()
                + " and "
                + module.getClass().getName());
      }
    }
    List<ToolsetModule> sorted = new ArrayList<>(ids.values());
    sorted.sort(
        Comparator.comparing((ToolsetModule m) -> !m.alwaysOn()).thenComparing(ToolsetModule::id));
    this.modules = List.copyOf(sorted);
    Map<String, ToolsetModule> index = new LinkedHashMap<>();
    sorted.forEach(m -> index.put(m.id(), m));
    this.byId = index;
  }

  /** The modules listed in {@link #SERVICES_FILE}, loaded once. */
  public static Toolsets discovered() {
    Toolsets found = discovered;
    if (found == null) {
      List<ToolsetModule> modules = new ArrayList<>();
      ServiceLoader.load(ToolsetModule.class, ToolsetModule.class.getClassLoader())
          .forEach(modules::add);
      found = new Toolsets(modules);
      discovered = found;
    }
    return found;
  }

  /** Workspace (always on) first, then by id. */
  public List<ToolsetModule> all() {
    return modules;
  }

  public Optional<ToolsetModule> byId(String id) {
    return Optional.ofNullable(byId.get(id.trim().toLowerCase(Locale.ROOT)));
  }

  public List<String> ids() {
    return modules.stream().map(ToolsetModule::id).toList();
  }

  /** The toolsets on without --toolsets: the always-on ones and those enabled by default. */
  public List<String> defaults() {
    return modules.stream()
        .filter(m -> m.alwaysOn() || m.enabledByDefault())
        .map(ToolsetModule::id)
        .toList();
  }

  /**
   * The ids a --toolsets list switches on, in {@link #all()} order: empty means the defaults, "all"
   * every toolset, "default" the defaults; the always-on toolsets are always in.
   *
   * @throws IllegalArgumentException for an unknown name, listing the valid ones
   */
  public List<String> resolve(List<String> requested) {
    Set<String> wanted = new LinkedHashSet<>();
    modules.stream().filter(ToolsetModule::alwaysOn).forEach(m -> wanted.add(m.id()));
    if (requested.isEmpty()) {
      wanted.addAll(defaults());
    }
    for (String name : requested) {
      if (name.trim().equalsIgnoreCase("all")) {
        wanted.addAll(ids());
      } else if (name.trim().equalsIgnoreCase("default")) {
        wanted.addAll(defaults());
      } else {
        wanted.add(
            byId(name)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "unknown toolset '"
                                + name
                                + "'; valid toolsets: all, default, "
                                + String.join(", ", ids())))
                .id());
      }
    }
    return ids().stream().filter(wanted::contains).toList();
  }

  /** Every tool of every module, with a fresh set of shared services. */
  public Inventory inventory(ServerSettings settings) {
    return inventory(settings, new SharedServices());
  }

  /**
   * Every tool of every module, declared against {@code services} (pass the same to the invoker so
   * writes clear what the tools cache).
   *
   * @throws IllegalStateException when a module declares no tools, a tool is declared in another
   *     module's toolset, or two tools share a name
   */
  public Inventory inventory(ServerSettings settings, SharedServices services) {
    ModuleContext ctx = new ModuleContext(settings, services, this);
    List<ToolDef> all = new ArrayList<>();
    List<ResourceDef> resources = new ArrayList<>();
    Map<String, String> toolsetOf = new LinkedHashMap<>();
    for (ToolsetModule module : modules) {
      for (ResourceDef resource : module.resources(ctx)) {
        if (!module.id().equals(resource.toolset())) {
          throw new IllegalStateException(
              "resource template "
                  + resource.template().uriTemplate()
                  + " is declared in toolset '"
                  + resource.toolset()
                  + "' but comes from module '"
                  + module.id()
                  + "'");
        }
        resources.add(resource);
      }
      List<ToolDef> tools = module.tools(ctx);
      if (tools == null || tools.isEmpty()) {
        throw new IllegalStateException(
            "toolset '"
                + module.id()
                + "' ("
                + module.getClass().getName()
                + ") has no tools; a toolset without tools cannot be offered");
      }
      for (ToolDef tool : tools) {
        if (!module.id().equals(tool.toolset())) {
          throw new IllegalStateException(
              "tool "
                  + tool.name()
                  + " is declared in toolset '"
                  + tool.toolset()
                  + "' but comes from module '"
                  + module.id()
                  + "' ("
                  + module.getClass().getName()
                  + ")");
        }
        String before = toolsetOf.put(tool.name(), module.id());
        if (before != null) {
          throw new IllegalStateException(
              "duplicate tool name "
                  + tool.name()
                  + " in toolsets '"
                  + before
                  + "' and '"
                  + module.id()
                  + "'");
        }
        all.add(tool);
      }
    }
    return new Inventory(this, all, resources);
  }
}
