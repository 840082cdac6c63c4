package dev.databricksmcp.sandbox.vectorsearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A vector as it comes: a DuckDB array from a source table, a JSON array, or a Java list. */
final class VectorValues {
  private VectorValues() {}

  /** Its numbers, or null when it is not a list of numbers. */
  static List<?> asList(Object raw) {
    try {
      List<?> items;
      if (raw instanceof Array a) {
        items = Arrays.asList((Object[]) a.getArray());
      } else if (raw instanceof Object[] a) {
        items = Arrays.asList(a);
      } else if (raw instanceof JsonNode n && n.isArray()) {
        List<Object> out = new ArrayList<>();
        n.forEach(x -> out.add(x.isNumber() ? x.numberValue() : x));
        items = out;
      } else if (raw instanceof List<?> l) {
        items = l;
      } else {
        return null;
      }
      return items.stream().allMatch(x -> x instanceof Number) ? items : null;
    } catch (SQLException e) {
      return null;
    }
  }
}
