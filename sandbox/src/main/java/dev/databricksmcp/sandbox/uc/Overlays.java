package dev.databricksmcp.sandbox.uc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.http.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What DuckDB does not keep about a Unity Catalog object (owner, creator, comment, properties) and
 * its identity: an id and a creation time per incarnation. DuckDB gives every catalog entry a new
 * oid when it is created (a drop and re-create, or CREATE OR REPLACE; not ALTER, COMMENT or
 * INSERT), so an object seen with another oid than the one its overlay is bound to is a new object
 * under an old name: it gets a new id and a later creation time, which is what a "target replaced"
 * check needs to see. A table the sandbox saw replaced in place by a statement keeps its id, as a
 * Delta table does in Databricks. Keys are full names; objects DuckDB does not hold (volumes,
 * functions) use {@link #UNBOUND}.
 */
final class Overlays {
  /**
   * The oid of an overlay recorded before DuckDB's oid was known, or of an object DuckDB does not
   * hold.
   */
  static final long UNBOUND = Long.MIN_VALUE;

  record Overlay(
      long oid,
      String id,
      String owner,
      long createdAt,
      String createdBy,
      String comment,
      Map<String, String> properties) {
    Overlay withComment(String newComment) {
      return new Overlay(oid, id, owner, createdAt, createdBy, newComment, properties);
    }

    Overlay withOwner(String newOwner) {
      return new Overlay(oid, id, newOwner, createdAt, createdBy, comment, properties);
    }
  }

  private final Map<String, Overlay> overlays = new ConcurrentHashMap<>();

  /** The overlay of the object now holding this name, DuckDB oid {@code oid}. */
  Overlay current(String key, long oid) {
    return overlays.compute(normal(key), (k, o) -> resolve(o, oid));
  }

  private Overlay resolve(Overlay o, long oid) {
    if (o == null) {
      return fresh(oid, Identities.ADMIN.userName(), null);
    }
    if (o.oid() == oid) {
      return o;
    }
    if (o.oid() == UNBOUND) {
      return new Overlay(
          oid, o.id(), o.owner(), o.createdAt(), o.createdBy(), o.comment(), o.properties());
    }
    // a new DuckDB object the sandbox did not see made: treat it as new, keeping owner and comment
    return new Overlay(
        oid, newId(), o.owner(), CreationTimes.next(), o.createdBy(), o.comment(), o.properties());
  }

  /** A new object under this name, created by {@code creator}: new id, new creation time. */
  void created(String key, long oid, String creator, String comment) {
    overlays.compute(
        normal(key),
        (k, o) ->
            o != null && o.oid() == oid && oid != UNBOUND
                ? new Overlay(oid, o.id(), creator, o.createdAt(), creator, comment, o.properties())
                : fresh(oid, creator, comment));
  }

  /**
   * The same object under a new DuckDB oid: a table replaced in place keeps its id, as in
   * Databricks.
   */
  void replacedInPlace(String key, long oid) {
    overlays.computeIfPresent(
        normal(key),
        (k, o) ->
            new Overlay(
                oid, o.id(), o.owner(), o.createdAt(), o.createdBy(), o.comment(), o.properties()));
  }

  /** The owner by name alone (admin when never set): owners are reset where objects are created. */
  String owner(String key) {
    Overlay o = overlays.get(normal(key));
    return o == null ? Identities.ADMIN.userName() : o.owner();
  }

  void setComment(String key, long oid, String comment) {
    overlays.compute(normal(key), (k, o) -> resolve(o, oid).withComment(comment));
  }

  /** A comment the sandbox gives at start, kept only while nobody has set one. */
  void setInitialComment(String key, long oid, String comment) {
    overlays.compute(
        normal(key),
        (k, o) -> {
          Overlay now = resolve(o, oid);
          return now.comment() == null ? now.withComment(comment) : now;
        });
  }

  void setOwner(String key, long oid, String owner) {
    overlays.compute(normal(key), (k, o) -> resolve(o, oid).withOwner(owner));
  }

  /** Forgets an object and, for a catalog or schema, everything under it. */
  void forget(String key) {
    String prefix = normal(key);
    overlays.keySet().removeIf(k -> k.equals(prefix) || k.startsWith(prefix + "."));
  }

  /** One overlay as kept across a restart: all but the oid, which DuckDB gives anew each run. */
  private record Saved(
      String name,
      String id,
      String owner,
      long createdAt,
      String createdBy,
      String comment,
      Map<String, String> properties) {}

  JsonNode save() {
    List<Saved> out =
        overlays.entrySet().stream()
            .map(
                e -> {
                  Overlay o = e.getValue();
                  return new Saved(
                      e.getKey(),
                      o.id(),
                      o.owner(),
                      o.createdAt(),
                      o.createdBy(),
                      o.comment(),
                      o.properties());
                })
            .toList();
    return Json.MAPPER.valueToTree(out);
  }

  /**
   * Overlays of an earlier run, unbound: each is bound to the DuckDB object holding its name when
   * it is first seen, keeping its id and creation time, as the object is the same one.
   */
  void restore(JsonNode saved) {
    List<Saved> in = Json.MAPPER.convertValue(saved, new TypeReference<List<Saved>>() {});
    overlays.clear();
    for (Saved s : in) {
      overlays.put(
          normal(s.name()),
          new Overlay(
              UNBOUND,
              s.id(),
              s.owner(),
              s.createdAt(),
              s.createdBy(),
              s.comment(),
              s.properties() == null ? Map.of() : Map.copyOf(s.properties())));
    }
  }

  /** Unity Catalog names are case-insensitive, and so are DuckDB's. */
  private static String normal(String key) {
    return key.toLowerCase(Locale.ROOT);
  }

  private Overlay fresh(long oid, String creator, String comment) {
    return new Overlay(oid, newId(), creator, CreationTimes.next(), creator, comment, Map.of());
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
