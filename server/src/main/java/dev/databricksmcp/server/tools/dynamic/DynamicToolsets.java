package dev.databricksmcp.server.tools.dynamic;

import dev.databricksmcp.server.core.ToolDef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state of {@code --dynamic-toolsets}: which toolsets are on offer, which are enabled, and the
 * one way to enable one. Knows nothing of how toolsets are declared: it is handed each toolset's
 * id, description and tools, with the user's filters (read-only mode, --exclude-tools) already
 * applied, so enabling a toolset can never bring back a tool the user removed.
 *
 * <p>Enabling is server-wide: the MCP SDK keeps one tool list per server, and a stateful HTTP
 * server has one server for all its sessions, so a toolset enabled in one session is listed in
 * every session and every session is told (github-mcp-server does the same). Over stdio there is
 * one session, so server-wide and per-session are the same thing.
 */
public final class DynamicToolsets {
  /**
   * One toolset as offered.
   *
   * @param tools what enabling it adds, in inventory order, after the user's filters (may be empty)
   */
  public record Offer(String id, String description, List<ToolDef> tools) {
    public Offer {
      tools = List.copyOf(tools);
    }
  }

  /** Adds tools to a running MCP server and tells its clients, once for the whole batch. */
  @FunctionalInterface
  public interface Registrar {
    void register(List<ToolDef> tools);
  }

  /**
   * What one enable call did.
   *
   * @param added the tools newly served (none when the toolset was enabled already)
   */
  public record Enabling(Offer offer, boolean alreadyEnabled, List<ToolDef> added) {}

  private final Map<String, Offer> offers = new LinkedHashMap<>();
  private final Set<String> enabled = new HashSet<>();
  private final Set<String> served = new HashSet<>();
  private Registrar registrar;

  /**
   * @param offers every toolset, in the order to list them
   * @param initiallyEnabled toolsets whose tools the server starts with
   * @param servedTools names of the tools the server starts with (a tool added alone with --tools
   *     is not added twice when its toolset is enabled)
   */
  public DynamicToolsets(
      List<Offer> offers, Collection<String> initiallyEnabled, Collection<String> servedTools) {
    for (Offer offer : offers) {
      if (this.offers.put(offer.id(), offer) != null) {
        throw new IllegalArgumentException("duplicate toolset " + offer.id());
      }
    }
    for (String id : initiallyEnabled) {
      if (!this.offers.containsKey(id)) {
        throw new IllegalArgumentException("unknown toolset " + id);
      }
      enabled.add(id);
    }
    served.addAll(servedTools);
  }

  /** Connects the running server; enabling before this fails. Once per instance. */
  public synchronized void bind(Registrar registrar) {
    if (this.registrar != null) {
      throw new IllegalStateException("dynamic toolsets are bound to a server already");
    }
    this.registrar = registrar;
  }

  public List<Offer> offers() {
    return List.copyOf(offers.values());
  }

  public List<String> ids() {
    return List.copyOf(offers.keySet());
  }

  public Optional<Offer> offer(String id) {
    return Optional.ofNullable(offers.get(normalise(id)));
  }

  public synchronized boolean isEnabled(String id) {
    return enabled.contains(id);
  }

  /** The enabled toolsets, in offer order. */
  public synchronized List<String> enabledToolsets() {
    return offers.keySet().stream().filter(enabled::contains).toList();
  }

  /**
   * Enables a toolset: registers those of its tools the server does not serve yet. Idempotent.
   *
   * @throws IllegalArgumentException for an id that is not offered
   */
  public synchronized Enabling enable(String id) {
    Offer offer =
        offer(id)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown toolset '"
                            + id
                            + "'; valid toolsets: "
                            + String.join(", ", offers.keySet())));
    if (enabled.contains(offer.id())) {
      return new Enabling(offer, true, List.of());
    }
    if (registrar == null) {
      throw new IllegalStateException("dynamic toolsets are not bound to a server");
    }
    List<ToolDef> added = new ArrayList<>();
    for (ToolDef tool : offer.tools()) {
      if (!served.contains(tool.name())) {
        added.add(tool);
      }
    }
    if (!added.isEmpty()) {
      registrar.register(List.copyOf(added));
    }
    added.forEach(tool -> served.add(tool.name()));
    enabled.add(offer.id());
    return new Enabling(offer, false, List.copyOf(added));
  }

  private static String normalise(String id) {
    return id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
  }
}
