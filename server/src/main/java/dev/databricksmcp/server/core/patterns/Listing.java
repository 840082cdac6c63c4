package dev.databricksmcp.server.core.patterns;

import dev.databricksmcp.server.core.Args;
import dev.databricksmcp.server.core.Pages;
import dev.databricksmcp.server.core.Param;
import dev.databricksmcp.server.core.Params;
import dev.databricksmcp.server.core.Schema;
import dev.databricksmcp.server.core.ToolContext;
import dev.databricksmcp.server.core.ToolHandler;
import dev.databricksmcp.server.core.ToolResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A list tool as a declaration: the request it makes ({@code max_results}, {@code page_token},
 * {@code detail}), how to fetch one page, and how to shape a row. Rows are compact by default and
 * have more fields with {@code detail=true} (when both shapes are declared): curated either way,
 * never the API's objects passed through (docs/OUTPUT.md); the page comes back in the envelope of
 * {@link Pages#page}, with the API's next page token handed back.
 *
 * <pre>{@code
 * Listing<CatalogInfo> listing =
 *     Listing.of("catalogs", (page, args, ctx) -> Listing.Page.of(...))
 *         .compact(CatalogRows::catalog, CatalogRows::catalogDetail);
 * ToolDef.builder(...).input(listing.input()).handler(listing)
 * }</pre>
 *
 * @param <I> the API's item type
 */
public final class Listing<I> implements ToolHandler {
  /** What the caller asked for: the page size, the token (null for the first page), detail. */
  public record Request(int maxResults, String pageToken, boolean detail) {}

  /** One page as the API gave it: items (never null) and the token of the next page, if any. */
  public record Page<I>(Collection<? extends I> items, String nextPageToken) {
    public Page {
      items = items == null ? List.of() : items;
    }

    /** A page from an API response whose item list may be null. */
    public static <I> Page<I> of(Collection<? extends I> items, String nextPageToken) {
      return new Page<>(items, nextPageToken);
    }
  }

  /** Fetches one page. */
  @FunctionalInterface
  public interface Fetch<I> {
    Page<I> fetch(Request request, Args args, ToolContext context) throws Exception;
  }

  private final String noun;
  private final Fetch<I> fetch;
  private final List<Param<?>> params;
  private final Param<Integer> maxResults;
  private final Param<Boolean> detail;
  private final Function<? super I, ?> row;
  private final Function<? super I, ?> detailRow;

  private Listing(
      String noun,
      Fetch<I> fetch,
      List<Param<?>> params,
      Param<Integer> maxResults,
      Param<Boolean> detail,
      Function<? super I, ?> row,
      Function<? super I, ?> detailRow) {
    this.noun = Objects.requireNonNull(noun, "noun");
    this.fetch = Objects.requireNonNull(fetch, "fetch");
    this.params = List.copyOf(params);
    this.maxResults = Objects.requireNonNull(maxResults, "maxResults");
    this.detail = detail;
    this.row = row;
    this.detailRow = detailRow;
  }

  /**
   * A listing of {@code noun} (plural, for the message), {@link Params#MAX_RESULTS} pages, rows as
   * the API gives them until {@link #rows} or {@link #compact} says otherwise.
   */
  public static <I> Listing<I> of(String noun, Fetch<I> fetch) {
    return new Listing<>(noun, fetch, List.of(), Params.MAX_RESULTS, null, null, null);
  }

  /** The tool's own parameters (filters, parents), listed before the paging ones. */
  public Listing<I> params(Param<?>... own) {
    return new Listing<>(noun, fetch, List.of(own), maxResults, detail, row, detailRow);
  }

  /** Another page size parameter (default and limit), e.g. {@code Params.maxResults(25, 100)}. */
  public Listing<I> maxResults(Param<Integer> pageSize) {
    return new Listing<>(noun, fetch, params, pageSize, detail, row, detailRow);
  }

  /** Every row shaped by {@code shape}; no {@code detail} parameter. */
  public Listing<I> rows(Function<? super I, ?> shape) {
    return new Listing<>(noun, fetch, params, maxResults, null, shape, null);
  }

  /**
   * Rows shaped by {@code shape} by default and by {@code detailShape} with {@code detail=true}:
   * the same field names, more of them (docs/OUTPUT.md: detail adds fields, never switches to raw
   * SDK output).
   */
  public Listing<I> compact(Function<? super I, ?> shape, Function<? super I, ?> detailShape) {
    return compact(shape, detailShape, Params.DETAIL);
  }

  /** As {@link #compact(Function, Function)}, with the detail parameter described for this tool. */
  public Listing<I> compact(
      Function<? super I, ?> shape,
      Function<? super I, ?> detailShape,
      Param<Boolean> detailParam) {
    return new Listing<>(
        noun,
        fetch,
        params,
        maxResults,
        Objects.requireNonNull(detailParam, "detailParam"),
        Objects.requireNonNull(shape, "shape"),
        Objects.requireNonNull(detailShape, "detailShape"));
  }

  /** Every parameter, in schema order: the tool's own, detail (if any), max_results, page_token. */
  public List<Param<?>> allParams() {
    List<Param<?>> all = new ArrayList<>(params);
    if (detail != null) {
      all.add(detail);
    }
    all.add(maxResults);
    all.add(Params.PAGE_TOKEN);
    return all;
  }

  /** The input schema. */
  public Schema.ObjectBuilder input() {
    return Schema.object().params(allParams());
  }

  /** The request a call makes. */
  public Request request(Args args) {
    return new Request(
        maxResults.of(args),
        Params.PAGE_TOKEN.of(args),
        detail != null && Boolean.TRUE.equals(detail.of(args)));
  }

  @Override
  public ToolResult handle(Args args, ToolContext context) throws Exception {
    Request request = request(args);
    Page<I> page = fetch.fetch(request, args, context);
    List<Object> rows = new ArrayList<>(page.items().size());
    for (I item : page.items()) {
      Function<? super I, ?> shape = request.detail() ? detailRow : row;
      rows.add(shape == null ? item : shape.apply(item));
    }
    return Pages.page(noun, rows, page.nextPageToken());
  }
}
