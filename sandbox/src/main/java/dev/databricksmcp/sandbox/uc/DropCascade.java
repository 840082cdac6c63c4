package dev.databricksmcp.sandbox.uc;

import dev.databricksmcp.sandbox.state.StateRegistry;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What goes with a dropped Unity Catalog securable. Databricks drops a catalog's schemas, and a
 * schema's tables, views, volumes and functions, with it (DELETE …?force=true, DROP … CASCADE), and
 * grants belong to an object, not to its name: a table dropped and created again starts with none.
 * Every registered state that keeps something under a securable takes part by implementing {@link
 * Dependent}; it is found in the registry, so an area that adds a kind of securable (registered
 * models, say) joins the cascade without a line here.
 */
public final class DropCascade {
  /** A state keeping objects, or facts about them, under Unity Catalog securables. */
  public interface Dependent {
    /**
     * Whether it keeps an object inside this schema ({@code catalog.schema}, lower case), which
     * keeps the schema, and its catalog, from being empty.
     */
    default boolean holdsObjectsIn(String schemaFullName) {
      return false;
    }

    /**
     * The securable of this full name (lower case) is gone, and so is everything under it: forget
     * what belongs to any of them.
     */
    void dropped(String fullName);
  }

  private final Supplier<List<Dependent>> dependents;

  public DropCascade(StateRegistry registry) {
    this.dependents = () -> registry.all(Dependent.class);
  }

  public boolean holdsObjectsIn(String catalog, String schema) {
    String name = normal(catalog + "." + schema);
    return dependents.get().stream().anyMatch(d -> d.holdsObjectsIn(name));
  }

  public void dropped(String fullName) {
    String name = normal(fullName);
    for (Dependent d : dependents.get()) {
      d.dropped(name);
    }
  }

  /** True when {@code key} names the securable {@code fullName} or something under it. */
  public static boolean isAtOrUnder(String key, String fullName) {
    String k = normal(key);
    String name = normal(fullName);
    return k.equals(name) || k.startsWith(name + ".");
  }

  private static String normal(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
