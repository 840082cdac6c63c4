package dev.databricksmcp.server.tools.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolDef;
import dev.databricksmcp.server.core.WriteListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A short-lived cache of Unity Catalog reads (catalogs, schemas, tables), keyed by who asks so one
 * principal's view never answers another's. Shared by every module that reads Unity Catalog, and
 * cleared by the tool invoker after every call of a write tool, any toolset's ({@link
 * WriteListener}): a CREATE TABLE through execute_sql shows in list_tables at once. TTL 0 turns it
 * off. The principal is the caller's verified identity (never a request header), and the key is a
 * pair of it and a {@link CacheKey} value, not a joined string, so no principal name can be crafted
 * to collide with another's entries. Bounded in size and age, however many principals call.
 */
public final class MetadataCache implements WriteListener {
  /** Entries kept at most, over all principals. */
  public static final int MAX_ENTRIES = 5_000;

  private record Key(String principal, CacheKey key) {}

  private final long ttlNanos;
  private final Duration ttl;
  private final LongSupplier clock;
  private final int maxEntries;
  // built on the first read, not at start-up: Caffeine's first cache costs tens of ms on a cold JVM
  private volatile Cache<Key, Object> entries;
  private final AtomicLong generation = new AtomicLong();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  public MetadataCache(Duration ttl, LongSupplier clock) {
    this(ttl, clock, MAX_ENTRIES);
  }

  MetadataCache(Duration ttl, LongSupplier clock, int maxEntries) {
    this.ttlNanos = ttl.toNanos();
    this.ttl = ttl;
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  private Cache<Key, Object> entries() {
    Cache<Key, Object> cache = entries;
    if (cache == null) {
      synchronized (this) {
        cache = entries;
        if (cache == null) {
          cache =
              Caffeine.newBuilder()
                  .maximumSize(maxEntries)
                  .expireAfterWrite(ttl)
                  .ticker(clock::getAsLong)
                  // evict on the caller's thread: no background pool, and the bound holds at once
                  .executor(Runnable::run)
                  .build();
          entries = cache;
        }
      }
    }
    return cache;
  }

  /** The cache sized from DATABRICKS_MCP_CACHE_TTL_SECONDS (default 30; 0 = off). */
  public static MetadataCache fromEnvironment(Map<String, String> env) {
    String raw = env.getOrDefault("DATABRICKS_MCP_CACHE_TTL_SECONDS", "30").trim();
    long seconds;
    try {
      seconds = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "DATABRICKS_MCP_CACHE_TTL_SECONDS must be a whole number of seconds (got '" + raw + "')");
    }
    if (seconds < 0 || seconds > 86_400) {
      throw new IllegalArgumentException(
          "DATABRICKS_MCP_CACHE_TTL_SECONDS must be between 0 and 86400");
    }
    return new MetadataCache(Duration.ofSeconds(seconds), System::nanoTime);
  }

  @SuppressWarnings("unchecked")
  public <T> T get(ToolContext ctx, CacheKey key, Callable<T> load) throws Exception {
    if (ttlNanos == 0) {
      return load.call();
    }
    Key fullKey = new Key(ctx.principal(), key);
    Object cached = entries().getIfPresent(fullKey);
    if (cached != null) {
      hits.increment();
      return (T) cached;
    }
    misses.increment();
    long before = generation.get();
    T value = load.call();
    // a write that cleared the cache while this read ran may have made the value stale: don't keep
    // it
    if (value != null && generation.get() == before) {
      entries().put(fullKey, value);
    }
    return value;
  }

  /** After any write: nothing cached may be stale. */
  @Override
  public void afterWrite(ToolDef tool) {
    invalidateAll();
  }

  /** Drops every entry, and any read in flight will not be kept. */
  public void invalidateAll() {
    generation.incrementAndGet();
    Cache<Key, Object> cache = entries;
    if (cache != null) {
      cache.invalidateAll();
    }
  }

  /** Entries held right now (after pending evictions); for tests and metrics. */
  public long size() {
    Cache<Key, Object> cache = entries;
    if (cache == null) {
      return 0;
    }
    cache.cleanUp();
    return cache.estimatedSize();
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }
}
