package dev.databricksmcp.server.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One tool parameter, declared once: its name, JSON type, description, default, bounds, whether it
 * is required and its allowed values. The same declaration feeds the input schema ({@link
 * #schema()}, with JSON Schema {@code default}, {@code minimum}, {@code maximum}, {@code enum}),
 * the validation and the handler ({@link #of(Args)}: the typed value, default applied, failures a
 * VALIDATION_ERROR naming the field), and the description text: {@code {default}}, {@code {min}},
 * {@code {max}}, {@code {values}} and {@code {name}} in a description are replaced by the declared
 * values, so a number is written once.
 *
 * <p>Immutable: every modifier returns a new declaration, so shared ones (see {@link Params}) can
 * be adjusted per tool without changing them for the others.
 *
 * @param <T> the type the handler gets: String, Integer, Long, Boolean, {@link Instant}, {@code
 *     List<String>} or {@code Map<String, Object>}
 */
public final class Param<T> {
  /** The JSON types a parameter can have. */
  public enum Type {
    STRING("string"),
    INTEGER("integer"),
    BOOLEAN("boolean"),
    /** A point in time, given as a string (see {@link #time}). */
    TIME("string"),
    /** A positive id too large for an int (see {@link #numericId}). */
    NUMERIC_ID("integer"),
    STRING_LIST("array"),
    OBJECT("object");

    private final String json;

    Type(String json) {
      this.json = json;
    }

    /** The JSON Schema type name. */
    public String json() {
      return json;
    }
  }

  /** Checks and normalises a string value (e.g. {@link Names#part}); gets the field name. */
  @FunctionalInterface
  public interface Check {
    String apply(String field, String value);
  }

  private final String name;
  private final Type type;
  private final String description;
  private final T defaultValue;
  private final Integer min;
  private final Integer max;
  private final boolean required;
  private final List<String> values;
  private final Integer maxLength;
  private final Check check;
  private final boolean secret;

  private Param(
      String name,
      Type type,
      String description,
      T defaultValue,
      Integer min,
      Integer max,
      boolean required,
      List<String> values,
      Integer maxLength,
      Check check,
      boolean secret) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.description = Objects.requireNonNull(description, "description");
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.required = required;
    this.values = values;
    this.maxLength = maxLength;
    this.check = check;
    this.secret = secret;
    if (min != null && max != null && min > max) {
      throw new IllegalArgumentException(name + ": minimum " + min + " is above maximum " + max);
    }
    if (required && defaultValue != null) {
      throw new IllegalArgumentException(name + ": a required parameter has no default");
    }
  }

  /** A string parameter. */
  public static Param<String> string(String name, String description) {
    return new Param<>(
        name, Type.STRING, description, null, null, null, false, null, null, null, false);
  }

  /** A whole-number parameter. */
  public static Param<Integer> integer(String name, String description) {
    return new Param<>(
        name, Type.INTEGER, description, null, null, null, false, null, null, null, false);
  }

  /** A true/false parameter. */
  public static Param<Boolean> bool(String name, String description) {
    return new Param<>(
        name, Type.BOOLEAN, description, null, null, null, false, null, null, null, false);
  }

  /**
   * A point in time, a string in the schema; the handler gets an {@link Instant}. Accepted, as the
   * CLI accepts them (docs/OUTPUT.md): an ISO-8601 instant or date-time with an offset ({@code
   * 2026-12-01T05:34:24Z}, {@code 2026-12-01T07:34:24+02:00}), a date-time without one (UTC, a
   * space allowed for the {@code T}), a date alone ({@code 2026-12-01}, midnight UTC), and epoch
   * milliseconds written as digits ({@code 1764547200000}, at least ten of them).
   */
  public static Param<Instant> time(String name, String description) {
    return new Param<>(
        name, Type.TIME, description, null, null, null, false, null, null, null, false);
  }

  /**
   * A numeric id (Databricks' job and run ids, up to 18 digits): a positive whole number, given as
   * a JSON integer or as its digits in a string; the handler gets a {@link Long}.
   */
  public static Param<Long> numericId(String name, String description) {
    return new Param<>(
        name, Type.NUMERIC_ID, description, null, null, null, false, null, null, null, false);
  }

  /**
   * A string that must be one of {@code values} (compared ignoring case); the handler gets the
   * value as declared.
   */
  public static Param<String> choice(String name, String description, List<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException(name + ": a choice needs values");
    }
    return new Param<>(
        name,
        Type.STRING,
        description,
        null,
        null,
        null,
        false,
        List.copyOf(values),
        null,
        null,
        false);
  }

  /** A list of strings. */
  public static Param<List<String>> stringList(String name, String description) {
    return new Param<>(
        name, Type.STRING_LIST, description, null, null, null, false, null, null, null, false);
  }

  /** A free-form object (e.g. named SQL parameters). */
  public static Param<Map<String, Object>> object(String name, String description) {
    return new Param<>(
        name, Type.OBJECT, description, null, null, null, false, null, null, null, false);
  }

  /** The same parameter, required: a call without it is a VALIDATION_ERROR "is required". */
  public Param<T> required() {
    return new Param<>(
        name, type, description, null, min, max, true, values, maxLength, check, secret);
  }

  /** The same parameter, optional and without a default. */
  public Param<T> optional() {
    return new Param<>(
        name, type, description, null, min, max, false, values, maxLength, check, secret);
  }

  /** The same parameter, optional, with this value when the caller gives none. */
  public Param<T> withDefault(T value) {
    Objects.requireNonNull(value, "default");
    if (value instanceof Integer n) {
      checkBounds(n, min, max);
    }
    return new Param<>(
        name, type, description, value, min, max, false, values, maxLength, check, secret);
  }

  /** The same whole-number parameter, bounded (both ends included). */
  public Param<T> range(int minimum, int maximum) {
    if (type != Type.INTEGER) {
      throw new IllegalArgumentException(name + ": only whole numbers have a range");
    }
    if (defaultValue instanceof Integer n) {
      checkBounds(n, minimum, maximum);
    }
    return new Param<>(
        name,
        type,
        description,
        defaultValue,
        minimum,
        maximum,
        required,
        values,
        maxLength,
        check,
        secret);
  }

  /** The same string parameter, longer than the default cap (SQL text, file content). */
  public Param<T> maxLength(int characters) {
    if (type != Type.STRING) {
      throw new IllegalArgumentException(name + ": only strings have a length");
    }
    return new Param<>(
        name,
        type,
        description,
        defaultValue,
        min,
        max,
        required,
        values,
        characters,
        check,
        secret);
  }

  /**
   * The same string parameter, marked secret: its value is never repeated in an audit line, a log
   * line, an error or a result (the invoker masks it and has the {@link Redactor} mask it wherever
   * it appears), and its schema says {@code writeOnly}.
   */
  public Param<T> secret() {
    if (type != Type.STRING) {
      throw new IllegalArgumentException(name + ": only strings are secret");
    }
    return new Param<>(
        name, type, description, defaultValue, min, max, required, values, maxLength, check, true);
  }

  /** Whether the value is a secret ({@link #secret()}). */
  public boolean isSecret() {
    return secret;
  }

  /** The same parameter with another description (placeholders are substituted). */
  public Param<T> describedAs(String text) {
    return new Param<>(
        name, type, text, defaultValue, min, max, required, values, maxLength, check, secret);
  }

  /** The same parameter under another name (e.g. {@code name} for a catalog's own name). */
  public Param<T> named(String newName) {
    return new Param<>(
        newName,
        type,
        description,
        defaultValue,
        min,
        max,
        required,
        values,
        maxLength,
        check,
        secret);
  }

  /** The same string parameter, each value checked and normalised by {@code check}. */
  public Param<T> checkedBy(Check check) {
    if (type != Type.STRING) {
      throw new IllegalArgumentException(name + ": only strings are checked");
    }
    return new Param<>(
        name,
        type,
        description,
        defaultValue,
        min,
        max,
        required,
        values,
        maxLength,
        check,
        secret);
  }

  private void checkBounds(int value, Integer minimum, Integer maximum) {
    if (minimum != null && value < minimum || maximum != null && value > maximum) {
      throw new IllegalArgumentException(
          name + ": default " + value + " is outside " + minimum + ".." + maximum);
    }
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public boolean isRequired() {
    return required;
  }

  /** The default, or empty when there is none. */
  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public Optional<Integer> min() {
    return Optional.ofNullable(min);
  }

  public Optional<Integer> max() {
    return Optional.ofNullable(max);
  }

  /** The allowed values of a choice; empty for other parameters. */
  public List<String> values() {
    return values == null ? List.of() : values;
  }

  /** The description with its placeholders substituted. */
  public String description() {
    return fill(description);
  }

  /**
   * {@code text} with {@code {name}}, {@code {default}}, {@code {min}}, {@code {max}} and {@code
   * {values}} replaced by this parameter's declaration; for tool descriptions that mention a
   * parameter's default or bounds. A placeholder whose value is not declared is a programming
   * error.
   */
  public String fill(String text) {
    String out = text.replace("{name}", name);
    out = replace(out, "{default}", defaultValue);
    out = replace(out, "{min}", min);
    out = replace(out, "{max}", max);
    return replace(out, "{values}", values == null ? null : String.join(", ", values));
  }

  private String replace(String text, String placeholder, Object value) {
    if (!text.contains(placeholder)) {
      return text;
    }
    if (value == null) {
      throw new IllegalStateException(name + ": " + placeholder + " is not declared");
    }
    return text.replace(placeholder, String.valueOf(value));
  }

  /** This parameter's JSON Schema property. */
  public Map<String, Object> schema() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", type.json());
    p.put("description", description());
    if (type == Type.STRING_LIST) {
      p.put("items", Map.of("type", "string"));
    }
    if (type == Type.NUMERIC_ID) {
      p.put("minimum", 1);
    }
    if (values != null) {
      p.put("enum", values);
    }
    if (min != null) {
      p.put("minimum", min);
    }
    if (max != null) {
      p.put("maximum", max);
    }
    if (maxLength != null) {
      p.put("maxLength", maxLength);
    }
    if (secret) {
      p.put("writeOnly", true);
    }
    if (defaultValue != null) {
      p.put("default", defaultValue instanceof Instant i ? i.toString() : defaultValue);
    }
    return p;
  }

  /** True when the call gave this parameter (a null counts as not given). */
  public boolean given(Args args) {
    return args.has(name);
  }

  /**
   * The value the caller gave, checked, without the default applied; empty when not given.
   *
   * @throws ToolException VALIDATION_ERROR naming the field when the value has the wrong type, is
   *     out of bounds, not one of the allowed values, or fails its check
   */
  @SuppressWarnings("unchecked")
  public Optional<T> optional(Args args) {
    if (!args.has(name)) {
      return Optional.empty();
    }
    Object value =
        switch (type) {
          case STRING -> string(args);
          case INTEGER ->
              args.optionalInt(
                      name,
                      min == null ? Integer.MIN_VALUE : min,
                      max == null ? Integer.MAX_VALUE : max)
                  .orElseThrow();
          case BOOLEAN -> args.bool(name, false);
          case TIME -> instant(name, args.optionalString(name).orElseThrow());
          case NUMERIC_ID -> numericId(args);
          case STRING_LIST -> args.stringList(name);
          case OBJECT -> args.object(name);
        };
    return Optional.of((T) value);
  }

  private String string(Args args) {
    String s = args.optionalString(name).orElseThrow();
    if (maxLength != null && s.length() > maxLength
        || maxLength == null && s.length() > ArgsValidator.DEFAULT_MAX_STRING) {
      int cap = maxLength == null ? ArgsValidator.DEFAULT_MAX_STRING : maxLength;
      throw ToolException.validation(
          name, "is too long: " + s.length() + " characters, at most " + cap);
    }
    if (values != null) {
      String upper = s.trim().toUpperCase(Locale.ROOT);
      return values.stream()
          .filter(v -> v.equalsIgnoreCase(upper))
          .findFirst()
          .orElseThrow(
              () ->
                  ToolException.validation(
                      name, "must be one of " + values + " (got '" + s + "')"));
    }
    return check == null ? s : check.apply(name, s);
  }

  private Long numericId(Args args) {
    Object given = args.asMap().get(name);
    long id = ArgsValidator.wholeNumber(name, given).longValue();
    if (id < 1) {
      throw ToolException.validation(name, "must be a positive id (got " + id + ")");
    }
    return id;
  }

  /** Epoch milliseconds: ten digits or more (a year alone, {@code 2026}, is not a time). */
  private static final java.util.regex.Pattern EPOCH_MILLIS =
      java.util.regex.Pattern.compile("\\d{10,18}");

  /** A time as {@link #time} accepts it. */
  static Instant instant(String field, String value) {
    String t = value.trim();
    if (EPOCH_MILLIS.matcher(t).matches()) {
      return Instant.ofEpochMilli(Long.parseLong(t));
    }
    String iso =
        t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + 'T' + t.substring(11) : t;
    try {
      if (iso.length() == 10) {
        return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      TemporalAccessor parsed =
          DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, ZonedDateTime::from, LocalDateTime::from);
      return parsed instanceof ZonedDateTime z
          ? z.toInstant()
          : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ToolException.validation(
          field,
          "must be a time: ISO-8601 (2026-12-01T05:30:00Z), a date (2026-12-01, midnight UTC) or"
              + " epoch milliseconds (got "
              + ArgsValidator.shown(value)
              + ")");
    }
  }

  /**
   * The value for the handler: what the caller gave, else the default; null when neither (only for
   * an optional parameter without a default).
   *
   * @throws ToolException VALIDATION_ERROR naming the field: "is required" when a required
   *     parameter is missing, or as for {@link #optional}
   */
  public T of(Args args) {
    Optional<T> given = optional(args);
    if (given.isPresent()) {
      return given.get();
    }
    if (required) {
      throw ToolException.validation(name, "is required");
    }
    return defaultValue;
  }

  @Override
  public String toString() {
    return name + ":" + type.json() + (required ? " (required)" : "");
  }
}
