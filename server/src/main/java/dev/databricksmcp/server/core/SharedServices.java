package dev.databricksmcp.server.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects toolset modules share in one server process, one per type, created on first request:
 * two modules asking for {@code MetadataCache.class} get the same cache. A service that implements
 * {@link WriteListener} is registered for write notifications when it is added; this object is
 * itself the listener the invoker tells, and passes the news on to every one of them.
 */
public final class SharedServices implements WriteListener {
  private static final Logger LOG = LoggerFactory.getLogger(SharedServices.class);

  private final Map<Class<?>, Object> byType = new LinkedHashMap<>();
  private final List<WriteListener> listeners = new CopyOnWriteArrayList<>();

  /**
   * The one instance of {@code type}, created by {@code create} if there is none yet. Creation may
   * itself ask for other services.
   */
  public synchronized <T> T get(Class<T> type, Supplier<? extends T> create) {
    Object existing = byType.get(type);
    if (existing != null) {
      return type.cast(existing);
    }
    T created = Objects.requireNonNull(create.get(), () -> "no " + type.getName() + " created");
    // creation may have asked for the same type (directly or not): keep the first one added
    Object raced = byType.get(type);
    if (raced != null) {
      return type.cast(raced);
    }
    add(type, created);
    return created;
  }

  /**
   * Puts {@code instance} in place before any module asks (tests, embedding); refused once the type
   * exists.
   */
  public synchronized <T> SharedServices provide(Class<T> type, T instance) {
    Objects.requireNonNull(instance, "instance");
    if (byType.containsKey(type)) {
      throw new IllegalStateException(type.getName() + " is already shared");
    }
    add(type, instance);
    return this;
  }

  /** The instance of {@code type} if one was created or provided. */
  public synchronized <T> Optional<T> find(Class<T> type) {
    return Optional.ofNullable(byType.get(type)).map(type::cast);
  }

  private void add(Class<?> type, Object instance) {
    byType.put(type, instance);
    if (instance instanceof WriteListener listener && listener != this) {
      listeners.add(listener);
    }
  }

  /** Every registered write listener, in the order added. */
  public List<WriteListener> writeListeners() {
    return List.copyOf(listeners);
  }

  /** Tells every registered listener; one that fails is logged and the others still hear. */
  @Override
  public void afterWrite(ToolDef tool) {
    List<RuntimeException> failures = new ArrayList<>();
    for (WriteListener listener : listeners) {
      try {
        listener.afterWrite(tool);
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    for (RuntimeException e : failures) {
      LOG.warn("a write listener failed after {}: {}", tool.name(), e.toString());
    }
  }
}
