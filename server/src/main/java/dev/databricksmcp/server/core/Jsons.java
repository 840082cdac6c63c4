package dev.databricksmcp.server.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The server's JSON mapper: SDK models keep their snake_case names, nulls are left out. */
public final class Jsons {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private static final ObjectMapper CANONICAL =
      MAPPER.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Jsons() {}

  /** JSON with map keys sorted at every level: equal values give equal text. */
  public static String canonical(Object value) {
    try {
      return CANONICAL.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize: " + e.getOriginalMessage(), e);
    }
  }

  /** Plain Maps, Lists and scalars, ready to be structuredContent. */
  public static Object toTree(Object value) {
    return value == null ? null : MAPPER.convertValue(value, Object.class);
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot serialize a tool result: " + e.getOriginalMessage(), e);
    }
  }
}
