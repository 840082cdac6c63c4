package dev.databricksmcp.sandbox.pipelines;

import com.databricks.sdk.service.pipelines.PipelineEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code GET /pipelines/{id}/events} selects: the filter forms the reference lists ({@code
 * level='ERROR'}, {@code level in ('WARN', 'ERROR')}, {@code id='…'}, {@code timestamp > '…'} with
 * >=, <, <= or =, joined by AND), the order ({@code timestamp asc} or the default {@code timestamp
 * desc}) and the page. A page token carries the filter and order it was issued for, since the
 * reference has a token exclude every other field but max_results.
 */
record EventQuery(String filter, boolean ascending, int offset) {
  private static final Pattern LEVEL = Pattern.compile("(?i)^level\\s*=\\s*'(\\w+)'$");
  private static final Pattern LEVEL_IN = Pattern.compile("(?i)^level\\s+in\\s*\\(([^)]*)\\)$");
  private static final Pattern ID = Pattern.compile("(?i)^id\\s*=\\s*'([^']*)'$");
  private static final Pattern TIME =
      Pattern.compile("(?i)^timestamp\\s*(>=|<=|>|<|=)\\s*'([^']*)'$");

  static EventQuery of(String filter, List<String> orderBy, String pageToken) {
    if (pageToken != null && !pageToken.isEmpty()) {
      if (filter != null || !orderBy.isEmpty()) {
        throw ApiException.invalid(
            "page_token cannot be combined with filter or order_by: it carries them.");
      }
      return decode(pageToken);
    }
    boolean asc = false;
    for (String o : orderBy) {
      String t = o.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      if (t.equals("timestamp asc")) {
        asc = true;
      } else if (!t.equals("timestamp desc") && !t.equals("timestamp")) {
        throw ApiException.invalid(
            "Unsupported order_by: " + o + ". Use 'timestamp asc' or 'timestamp desc'.");
      }
    }
    predicate(filter); // refuses an unsupported filter now, not on the next page
    return new EventQuery(filter, asc, 0);
  }

  /** The events selected, in order. */
  List<PipelineEvent> select(List<PipelineEvent> log) {
    Predicate<PipelineEvent> keep = predicate(filter);
    List<PipelineEvent> out = new ArrayList<>();
    for (PipelineEvent e : log) {
      if (keep.test(e)) {
        out.add(e);
      }
    }
    if (!ascending) {
      java.util.Collections.reverse(out);
    }
    return out;
  }

  String next(int offset) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("filter", filter);
    n.put("asc", ascending);
    n.put("offset", offset);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static EventQuery decode(String token) {
    try {
      JsonNode n = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
      int offset = n.get("offset").asInt();
      if (offset < 0) {
        throw new IllegalArgumentException();
      }
      return new EventQuery(
          n.get("filter").isNull() ? null : n.get("filter").asText(),
          n.get("asc").asBoolean(),
          offset);
    } catch (Exception e) {
      throw ApiException.invalid("Invalid page_token");
    }
  }

  private static Predicate<PipelineEvent> predicate(String filter) {
    Predicate<PipelineEvent> all = e -> true;
    if (filter == null || filter.isBlank()) {
      return all;
    }
    for (String clause : filter.strip().split("(?i)\\s+AND\\s+")) {
      all = all.and(clause(clause.strip()));
    }
    return all;
  }

  private static Predicate<PipelineEvent> clause(String c) {
    Matcher m;
    if ((m = LEVEL.matcher(c)).matches()) {
      String level = m.group(1).toUpperCase(Locale.ROOT);
      return e -> e.getLevel() != null && e.getLevel().name().equals(level);
    }
    if ((m = LEVEL_IN.matcher(c)).matches()) {
      List<String> levels = new ArrayList<>();
      for (String v : m.group(1).split(",")) {
        levels.add(v.strip().replace("'", "").toUpperCase(Locale.ROOT));
      }
      return e -> e.getLevel() != null && levels.contains(e.getLevel().name());
    }
    if ((m = ID.matcher(c)).matches()) {
      String id = m.group(1);
      return e -> id.equals(e.getId());
    }
    if ((m = TIME.matcher(c)).matches()) {
      String op = m.group(1);
      Instant t;
      try {
        t = Instant.parse(m.group(2));
      } catch (DateTimeParseException e) {
        throw ApiException.invalid("Invalid timestamp in filter: " + m.group(2));
      }
      return e -> {
        int cmp = Instant.parse(e.getTimestamp()).compareTo(t);
        return switch (op) {
          case ">" -> cmp > 0;
          case ">=" -> cmp >= 0;
          case "<" -> cmp < 0;
          case "<=" -> cmp <= 0;
          default -> cmp == 0;
        };
      };
    }
    throw ApiException.invalid(
        "Unsupported filter: "
            + c
            + ". Supported: level='…', level in (…), id='…', timestamp >|>=|<|<=|= '…', joined by AND.");
  }
}
