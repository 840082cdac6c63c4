package dev.databricksmcp.sandbox.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.SandboxOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every piece of state the sandbox holds, each registered once under its class: the engine, the
 * metastore, grants, warehouses, and whatever a new API area brings. Areas take what they need from
 * here ({@code registry.get(Warehouses.class)}) and the sandbox's lifecycle runs over it:
 *
 * <ul>
 *   <li>a {@link PersistentState} is restored from {@code --sandbox-dir} when it is registered, and
 *       its document is then removed: it is written again only when the sandbox stops in order, so
 *       a sandbox that was killed comes back without it rather than with one older than its DuckDB
 *       files (grants of a table dropped since would otherwise come back to a new table);
 *   <li>when the sandbox stops, every persistent state is saved, then every state is closed once,
 *       the latest registered first, so nothing is closed under a state built on it.
 * </ul>
 *
 * Cross-cutting behaviour is found by interface ({@link #all(Class)}): a state takes part in
 * persistence, or in Unity Catalog's cascading deletes, by implementing the interface, without a
 * list to keep in step.
 */
public final class StateRegistry {
  private final SandboxOptions options;
  private final StateDirectory directory;
  private final Map<Class<?>, SandboxState> states = new LinkedHashMap<>();
  private boolean closed;

  /** While an API area is built: the states it may take (core, declared, its own); else null. */
  private Set<Class<?>> takeable;

  public StateRegistry(SandboxOptions options) {
    this.options = options;
    this.directory = options.dataDir() == null ? null : new StateDirectory(options.dataDir());
  }

  public SandboxOptions options() {
    return options;
  }

  /** Adds a state, restored first when it is persistent and was saved by an earlier run. */
  public synchronized <T extends SandboxState> T register(T state) {
    if (closed) {
      throw new IllegalStateException("the sandbox is stopping: nothing more can be registered");
    }
    if (states.containsKey(state.getClass())) {
      throw new IllegalStateException(
          state.getClass().getSimpleName()
              + " is already registered: each state is registered once");
    }
    if (state instanceof PersistentState persistent) {
      restore(persistent);
    }
    states.put(state.getClass(), state);
    if (takeable != null) {
      takeable.add(state.getClass());
    }
    return state;
  }

  private void restore(PersistentState state) {
    String name = state.persistenceName();
    if (!name.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("not a persistence name: '" + name + "'");
    }
    for (PersistentState other : all(PersistentState.class)) {
      if (other.persistenceName().equals(name)) {
        throw new IllegalStateException(
            other.getClass().getSimpleName() + " already persists as '" + name + "'");
      }
    }
    if (directory != null) {
      directory.read(name).ifPresent(saved -> restoreAndForget(state, name, saved));
    }
  }

  private void restoreAndForget(PersistentState state, String name, JsonNode saved) {
    state.restore(saved);
    directory.remove(name);
  }

  /** The state registered under this class; fails, naming it, when there is none. */
  public synchronized <T extends SandboxState> T get(Class<T> type) {
    SandboxState state = states.get(type);
    if (state == null) {
      throw new IllegalStateException(
          type.getSimpleName()
              + " is not registered: an API area that takes it must list it in ApiArea.needs(),"
              + " and some area must register it");
    }
    if (takeable != null && !takeable.contains(type)) {
      throw new IllegalStateException(
          "an API area takes "
              + type.getSimpleName()
              + " without listing it in ApiArea.needs(): list it, so the area is built after the"
              + " one that registers it");
    }
    return type.cast(state);
  }

  /** The classes registered so far. */
  public synchronized Set<Class<?>> registeredTypes() {
    return Set.copyOf(states.keySet());
  }

  /**
   * Runs an API area's build allowed to take only the core states, the ones it declares, and those
   * it registers itself.
   */
  public <T> T building(
      Set<Class<?>> core, List<? extends Class<?>> declared, Function<StateRegistry, T> build) {
    synchronized (this) {
      takeable = new HashSet<>(core);
      takeable.addAll(declared);
    }
    try {
      return build.apply(this);
    } finally {
      synchronized (this) {
        takeable = null;
      }
    }
  }

  /** Every registered state of this kind, in the order registered. */
  public synchronized <T> List<T> all(Class<T> kind) {
    List<T> out = new ArrayList<>();
    for (SandboxState state : states.values()) {
      if (kind.isInstance(state)) {
        out.add(kind.cast(state));
      }
    }
    return out;
  }

  /**
   * Saves every persistent state, then closes every state once, the latest first; goes on past a
   * failure and reports the first one at the end.
   */
  public void close() {
    List<SandboxState> newestFirst;
    List<PersistentState> persistent;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      newestFirst = new ArrayList<>(states.values());
      Collections.reverse(newestFirst);
      persistent = all(PersistentState.class);
    }
    RuntimeException failure = null;
    if (directory != null) {
      for (PersistentState state : persistent) {
        try {
          directory.write(state.persistenceName(), state.save());
        } catch (RuntimeException e) {
          failure = first(failure, e);
        }
      }
    }
    for (SandboxState state : newestFirst) {
      try {
        state.close();
      } catch (RuntimeException e) {
        failure = first(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException first(RuntimeException failure, RuntimeException next) {
    if (failure == null) {
      return next;
    }
    failure.addSuppressed(next);
    return failure;
  }
}
