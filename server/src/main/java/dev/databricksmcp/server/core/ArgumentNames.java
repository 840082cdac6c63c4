package dev.databricksmcp.server.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What to say about an argument a tool does not declare: the declared name the caller most likely
 * meant ("unknown argument 'sql'; did you mean 'statement'?"), or the names the tool accepts when
 * none is close. A model that guessed a name from another API (SQL {@code limit}, camelCase {@code
 * maxResults}) or misspelt one corrects its call from the message alone.
 *
 * <p>The closest name is, in this order: the same name written otherwise (case, {@code _}, {@code
 * -}: {@code maxResults} is {@code max_results}); a word models use for a declared one ({@link
 * #SYNONYMS}: {@code sql} for {@code statement}, {@code limit} for {@code max_results}); a
 * misspelling within {@link #distanceAllowed} edits (a swap of two letters is one; of equally close
 * names, the one declared first); the one declared name whose words contain the given one's ({@code
 * catalog} for {@code catalog_name}).
 */
public final class ArgumentNames {
  /**
   * Words models use for the parameters the tools declare, written as {@link #key} has them: each
   * maps to declared names in order of preference, the first one the tool declares is suggested.
   */
  static final Map<String, List<String>> SYNONYMS = synonyms();

  private ArgumentNames() {}

  private static Map<String, List<String>> synonyms() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    List<String> statement = List.of("statement", "statements", "query");
    for (String w : List.of("sql", "query", "querytext", "sqlquery", "sqltext", "stmt", "text")) {
      m.put(w, statement);
    }
    List<String> page = List.of("max_results", "max_rows");
    for (String w : List.of("limit", "pagesize", "size", "top", "maxresults", "maxrows", "rows")) {
      m.put(w, page);
    }
    for (String w : List.of("token", "nextpagetoken", "nexttoken", "cursor", "pagetoken")) {
      m.put(w, List.of("page_token"));
    }
    for (String w : List.of("table", "tablename", "tablefullname", "fullname", "path")) {
      m.put(w, List.of("full_name"));
    }
    for (String w : List.of("catalog", "catalogname")) {
      m.put(w, List.of("catalog_name", "catalog"));
    }
    for (String w : List.of("schema", "schemaname", "database", "db")) {
      m.put(w, List.of("schema_name", "schema"));
    }
    for (String w : List.of("warehouse", "warehousename", "endpointid", "endpoint")) {
      m.put(w, List.of("warehouse_id"));
    }
    for (String w : List.of("timeout", "timeoutsecs", "waittimeout", "wait")) {
      m.put(w, List.of("timeout_seconds", "wait_seconds"));
    }
    for (String w : List.of("verbose", "details", "full", "all")) {
      m.put(w, List.of("detail"));
    }
    for (String w : List.of("id", "queryid", "statementid")) {
      m.put(w, List.of("statement_id", "id"));
    }
    for (String w : List.of("pattern", "filter", "like", "search", "namelike")) {
      m.put(w, List.of("name_pattern", "query"));
    }
    for (String w : List.of("from", "since", "after", "start", "starttimems")) {
      m.put(w, List.of("start_time"));
    }
    for (String w : List.of("until", "to", "before", "end", "endtimems")) {
      m.put(w, List.of("end_time"));
    }
    for (String w : List.of("params", "parameter", "args", "arguments", "bindings")) {
      m.put(w, List.of("parameters"));
    }
    return Map.copyOf(m);
  }

  /**
   * The VALIDATION_ERROR for arguments a tool does not declare, naming the first of them: with the
   * closest declared name when there is one ({@code details.did_you_mean}), else the accepted names
   * ({@code details.accepted}); the others unknown are listed after it.
   */
  static ToolException unknown(List<String> unknown, List<String> declared) {
    String field = unknown.get(0);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("field", field);
    StringBuilder message = new StringBuilder(field).append(": unknown argument '");
    message.append(field).append('\'');
    Optional<String> closest = closest(field, declared);
    if (declared.isEmpty()) {
      message.append("; this tool takes no arguments");
    } else if (closest.isPresent()) {
      message.append("; did you mean '").append(closest.get()).append("'?");
      details.put("did_you_mean", closest.get());
    } else {
      message.append("; accepted: ").append(String.join(", ", declared));
      details.put("accepted", declared);
    }
    if (unknown.size() > 1) {
      List<String> others = new ArrayList<>();
      for (String other : unknown.subList(1, unknown.size())) {
        others.add(
            closest(other, declared)
                .map(c -> "'" + other + "' (did you mean '" + c + "'?)")
                .orElse("'" + other + "'"));
      }
      message.append(". Also unknown: ").append(String.join(", ", others));
      details.put("unknown", unknown);
    }
    return new ToolException(ErrorCode.VALIDATION_ERROR, message.toString(), details);
  }

  /** The declared name {@code given} most likely meant; empty when none is close. */
  public static Optional<String> closest(String given, List<String> declared) {
    String key = key(given);
    for (String name : declared) {
      if (key(name).equals(key)) {
        return Optional.of(name);
      }
    }
    for (String synonym : SYNONYMS.getOrDefault(key, List.of())) {
      if (declared.contains(synonym)) {
        return Optional.of(synonym);
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : declared) {
      int d = distance(key, key(name));
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    if (best != null && bestDistance <= distanceAllowed(key)) {
      return Optional.of(best);
    }
    List<String> containing = new ArrayList<>();
    List<String> words = words(given);
    for (String name : declared) {
      if (!words.isEmpty() && words(name).containsAll(words)) {
        containing.add(name);
      }
    }
    return containing.size() == 1 ? Optional.of(containing.get(0)) : Optional.empty();
  }

  /**
   * Edits a misspelling may need and still be suggested: one for a name of up to five letters, then
   * one more for every three letters ({@code statment} → {@code statement}, but never {@code id} →
   * {@code sql}).
   */
  static int distanceAllowed(String key) {
    return Math.max(1, key.length() / 3);
  }

  /** A name as compared: lower-case, letters and digits only ({@code maxResults} = max_results). */
  static String key(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** The words of a name: split at {@code _}, {@code -}, spaces and camelCase humps. */
  static List<String> words(String name) {
    List<String> out = new ArrayList<>();
    for (String w : name.split("(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+")) {
      if (!w.isEmpty()) {
        out.add(w.toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  /**
   * Edit distance counting an insertion, a deletion, a substitution and a swap of two neighbours as
   * one edit each (optimal string alignment: {@code nmae} is one edit from {@code name}).
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }
}
