package dev.databricksmcp.server.tools.catalog;

import dev.databricksmcp.server.core.ToolContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * A short-lived cache of Unity Catalog reads (catalogs, schemas, tables), keyed by who asks so one
 * principal's view never answers another's. Every catalog write tool clears it. TTL 0 turns it off.
 */
public final class MetadataCache {
  private static final int MAX_ENTRIES = 5_000;

  private record Entry(Object value, long expiresAtNanos) {}

  private final long ttlNanos;
  private final LongSupplier clock;
  private final Map<String, Entry> entries =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > MAX_ENTRIES;
        }
      };
  private long hits;
  private long misses;

  public MetadataCache(Duration ttl, LongSupplier clock) {
    this.ttlNanos = ttl.toNanos();
    this.clock = clock;
  }

  /** The cache sized from DATABRICKS_MCP_CACHE_TTL_SECONDS (default 30; 0 = off). */
  public static MetadataCache fromEnvironment(Map<String, String> env) {
    String raw = env.getOrDefault("DATABRICKS_MCP_CACHE_TTL_SECONDS", "30").trim();
    long seconds;
    try {
      seconds = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("DATABRICKS_MCP_CACHE_TTL_SECONDS must be a whole number of seconds (got '" + raw + "')");
    }
    if (seconds < 0 || seconds > 86_400) {
      throw new IllegalArgumentException("DATABRICKS_MCP_CACHE_TTL_SECONDS must be between 0 and 86400");
    }
    return new MetadataCache(Duration.ofSeconds(seconds), System::nanoTime);
  }

  @SuppressWarnings("unchecked")
  public <T> T get(ToolContext ctx, String key, Callable<T> load) throws Exception {
    if (ttlNanos == 0) {
      return load.call();
    }
    String fullKey = ctx.principal() + "\n" + key;
    long now = clock.getAsLong();
    synchronized (entries) {
      Entry e = entries.get(fullKey);
      if (e != null && e.expiresAtNanos() > now) {
        hits++;
        return (T) e.value();
      }
      misses++;
    }
    T value = load.call();
    synchronized (entries) {
      entries.put(fullKey, new Entry(value, now + ttlNanos));
    }
    return value;
  }

  /** After any write: nothing cached may be stale. */
  public void invalidateAll() {
    synchronized (entries) {
      entries.clear();
    }
  }

  public long hits() {
    synchronized (entries) {
      return hits;
    }
  }

  public long misses() {
    synchronized (entries) {
      return misses;
    }
  }
}
