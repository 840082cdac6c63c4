package dev.databricksmcp.server.tools.compute;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * The execution context execute_command reuses on a cluster, one per workspace, caller, cluster and
 * language, so that a Python variable set by one command is there for the next (Databricks keeps a
 * context's state until the cluster restarts). Bounded and forgotten after an idle hour; a context
 * Databricks no longer knows is dropped and made again.
 */
final class CommandContexts {
  /** Whose context it is: a context's state is its creator's, never shared between callers. */
  record Key(String workspace, String caller, String clusterId, String language) {}

  /** Made at the first execute_command: made with the tools, Caffeine slowed every start. */
  private volatile Cache<Key, String> contexts;

  Optional<String> get(Key key) {
    return Optional.ofNullable(contexts().getIfPresent(key));
  }

  void put(Key key, String contextId) {
    contexts().put(key, contextId);
  }

  /** Forgets the context, if it is still the one kept (a newer one stays). */
  void forget(Key key, String contextId) {
    contexts().asMap().remove(key, contextId);
  }

  private Cache<Key, String> contexts() {
    Cache<Key, String> made = contexts;
    if (made == null) {
      synchronized (this) {
        made = contexts;
        if (made == null) {
          made =
              Caffeine.newBuilder()
                  .maximumSize(1_000)
                  .expireAfterAccess(Duration.ofHours(1))
                  .build();
          contexts = made;
        }
      }
    }
    return made;
  }
}
