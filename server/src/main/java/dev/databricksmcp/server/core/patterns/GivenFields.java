package dev.databricksmcp.server.core.patterns;

import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.ToolException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The optional fields of a create or update, each declared once with the request setter it feeds:
 * only the fields the caller gave are set, so an update never sends a value nobody asked for.
 * {@link #requireAny} refuses an update that changes nothing, naming the fields.
 *
 * <pre>{@code
 * GivenFields<UpdateCatalog> changes =
 *     GivenFields.<UpdateCatalog>of()
 *         .field(COMMENT, UpdateCatalog::setComment)
 *         .field(OWNER, UpdateCatalog::setOwner);
 * changes.requireAny(args);
 * UpdateCatalog req = changes.apply(args, new UpdateCatalog().setName(name));
 * }</pre>
 *
 * @param <R> the request type
 */
public final class GivenFields<R> {
  private record Field<R, T>(Param<T> param, BiConsumer<? super R, ? super T> setter) {
    void apply(Args args, R request) {
      param.optional(args).ifPresent(value -> setter.accept(request, value));
    }
  }

  private final List<Field<R, ?>> fields;

  private GivenFields(List<Field<R, ?>> fields) {
    this.fields = List.copyOf(fields);
  }

  /** No fields yet. */
  public static <R> GivenFields<R> of() {
    return new GivenFields<>(List.of());
  }

  /** One more field: {@code setter} is called with the value when the caller gave it. */
  public <T> GivenFields<R> field(Param<T> param, BiConsumer<? super R, ? super T> setter) {
    if (param.isRequired()) {
      throw new IllegalArgumentException(param.name() + ": a given field is optional");
    }
    List<Field<R, ?>> more = new ArrayList<>(fields);
    more.add(new Field<>(param, setter));
    return new GivenFields<>(more);
  }

  /** The fields' parameters, in declaration order. */
  public List<Param<?>> params() {
    return fields.stream().<Param<?>>map(Field::param).toList();
  }

  /** The names of the fields this call gave, in declaration order. */
  public List<String> given(Args args) {
    return fields.stream().map(f -> f.param().name()).filter(args::has).toList();
  }

  /**
   * Refuses a call that gives none of the fields.
   *
   * @throws ToolException VALIDATION_ERROR on the first field, naming them all
   */
  public void requireAny(Args args) {
    if (!fields.isEmpty() && given(args).isEmpty()) {
      throw ToolException.validation(
          fields.get(0).param().name(),
          "give "
              + fields.stream().map(f -> f.param().name()).collect(Collectors.joining(" and/or "))
              + " to change");
    }
  }

  /**
   * Sets the given fields (checked, see {@link Param#optional}) on {@code request}; the others are
   * left as they are.
   */
  public R apply(Args args, R request) {
    for (Field<R, ?> field : fields) {
      field.apply(args, request);
    }
    return request;
  }
}
