package dev.databricksmcp.server.tools.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.testing.OfflineContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * One principal's cached view never answers another, and the cache stays bounded in size and age.
 */
class MetadataCacheTest {
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicInteger loads = new AtomicInteger();

  @Test
  void principalsNeverShareEntries() throws Exception {
    MetadataCache cache = new MetadataCache(Duration.ofSeconds(30), nanos::get);

    assertThat(read(cache, "alice@example.com", "catalogs"))
        .isEqualTo("alice@example.com:catalogs");
    assertThat(read(cache, "bob@example.com", "catalogs")).isEqualTo("bob@example.com:catalogs");
    assertThat(read(cache, "alice@example.com", "catalogs"))
        .isEqualTo("alice@example.com:catalogs");

    assertThat(loads).hasValue(2);
    assertThat(cache.hits()).isEqualTo(1);
  }

  @Test
  void aPrincipalNameCannotBeCraftedToReachAnotherPrincipalsKey() throws Exception {
    MetadataCache cache = new MetadataCache(Duration.ofSeconds(30), nanos::get);
    read(cache, "alice", "tables\nmain.default");

    // the old key was principal + "\n" + key: this pair joined to the same string
    assertThat(read(cache, "alice\ntables", "main.default"))
        .isEqualTo("alice\ntables:main.default");
    assertThat(loads).hasValue(2);
  }

  @Test
  void thousandsOfPrincipalsKeepTheCacheBounded() throws Exception {
    MetadataCache cache = new MetadataCache(Duration.ofSeconds(30), nanos::get, 500);

    for (int i = 0; i < 5_000; i++) {
      read(cache, "user-" + i + "@example.com", "catalogs");
    }

    assertThat(cache.size()).isLessThanOrEqualTo(500);
  }

  @Test
  void entriesExpireAfterTheirTtl() throws Exception {
    MetadataCache cache = new MetadataCache(Duration.ofSeconds(30), nanos::get);
    read(cache, "alice", "catalogs");

    nanos.addAndGet(Duration.ofSeconds(31).toNanos());

    assertThat(cache.size()).isZero();
    read(cache, "alice", "catalogs");
    assertThat(loads).hasValue(2);
  }

  @Test
  void aReadThatRanAcrossAWriteIsNotKept() throws Exception {
    MetadataCache cache = new MetadataCache(Duration.ofSeconds(30), nanos::get);

    cache.get(
        as("alice"),
        new CacheKey.Catalogs(50, null),
        () -> {
          cache.invalidateAll(); // a write lands while the read is in flight
          return "stale";
        });

    assertThat(cache.size()).isZero();
  }

  private String read(MetadataCache cache, String principal, String key) throws Exception {
    return cache.get(
        as(principal),
        new CacheKey.Catalog(key),
        () -> {
          loads.incrementAndGet();
          return principal + ":" + key;
        });
  }

  @Test
  void keysAreValuesComparedByTheirFields() {
    assertThat(new CacheKey.Tables("main", "default", false, 50, null))
        .isEqualTo(new CacheKey.Tables("main", "default", false, 50, null))
        .hasSameHashCodeAs(new CacheKey.Tables("main", "default", false, 50, null))
        .isNotEqualTo(new CacheKey.Tables("main", "default", true, 50, null))
        .isNotEqualTo(new CacheKey.Tables("main", "default", false, 50, "t2"))
        .isNotEqualTo(new CacheKey.Tables("main", "default", false, 10, null))
        .isNotEqualTo(new CacheKey.Tables("main", "other", false, 50, null))
        .isNotEqualTo(new CacheKey.Tables("other", "default", false, 50, null));
    assertThat(new CacheKey.Catalogs(50, "x")).isEqualTo(new CacheKey.Catalogs(50, "x"));
    assertThat(new CacheKey.Schemas("main", 50, null))
        .isEqualTo(new CacheKey.Schemas("main", 50, null))
        .isNotEqualTo(new CacheKey.Schemas("other", 50, null));
    // the same text in two kinds of key is two entries
    assertThat((Object) new CacheKey.Table("main.default.trips"))
        .isNotEqualTo(new CacheKey.Schema("main.default.trips"));
    assertThat((Object) new CacheKey.Catalog("main")).isNotEqualTo(new CacheKey.Schema("main"));
  }

  @Test
  void twoKindsOfKeyWithTheSameTextAreTwoEntries() throws Exception {
    MetadataCache cache = new MetadataCache(Duration.ofSeconds(30), nanos::get);
    Object table = cache.get(as("alice"), new CacheKey.Table("main.default"), () -> "table");
    Object schema = cache.get(as("alice"), new CacheKey.Schema("main.default"), () -> "schema");

    assertThat(table).isEqualTo("table");
    assertThat(schema).isEqualTo("schema");
    assertThat(cache.size()).isEqualTo(2);
  }

  private static ToolContext as(String principal) {
    return OfflineContext.as(principal).readOnlyMode();
  }
}
