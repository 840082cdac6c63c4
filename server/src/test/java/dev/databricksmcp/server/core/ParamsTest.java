package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared parameters keep today's names, texts, defaults and checks. */
class ParamsTest {
  @Test
  void maxResultsSaysItsDefaultAndLimitOnce() {
    assertThat(Params.MAX_RESULTS.schema())
        .containsEntry("description", "Page size (default 50, at most 1000)")
        .containsEntry("minimum", 1)
        .containsEntry("maximum", 1000)
        .containsEntry("default", 50);
    Param<Integer> small = Params.maxResults(25, 100);
    assertThat(small.description()).isEqualTo("Page size (default 25, at most 100)");
    assertThat(small.of(new Args(Map.of()))).isEqualTo(25);
    assertThat(small.of(new Args(Map.of("max_results", 100)))).isEqualTo(100);
    assertThatThrownBy(() -> small.of(new Args(Map.of("max_results", 101))))
        .isInstanceOf(ToolException.class);
  }

  @Test
  void pageTokenAndDetail() {
    assertThat(Params.PAGE_TOKEN.name()).isEqualTo("page_token");
    assertThat(Params.PAGE_TOKEN.of(new Args(Map.of()))).isNull();
    assertThat(Params.PAGE_TOKEN.of(new Args(Map.of("page_token", "t")))).isEqualTo("t");
    assertThat(Params.DETAIL.name()).isEqualTo("detail");
    assertThat(Params.DETAIL.of(new Args(Map.of()))).isFalse();
    assertThat(Params.DETAIL.of(new Args(Map.of("detail", true)))).isTrue();
  }

  @Test
  void namesAndIdsAreCheckedAndRequired() {
    Param<String> catalog = Params.namePart("catalog_name", "Catalog");
    assertThat(catalog.isRequired()).isTrue();
    assertThat(catalog.of(new Args(Map.of("catalog_name", "`main`")))).isEqualTo("main");
    assertThatThrownBy(() -> catalog.of(new Args(Map.of("catalog_name", "a.b"))))
        .isInstanceOfSatisfying(
            ToolException.class,
            e -> assertThat(e.details()).containsEntry("field", "catalog_name"));

    Param<String> table = Params.fullName("full_name", "catalog.schema.table", 3);
    assertThat(table.isRequired()).isTrue();
    assertThat(table.of(new Args(Map.of("full_name", "a.b.c")))).isEqualTo("a.b.c");
    assertThatThrownBy(() -> table.of(new Args(Map.of("full_name", "a.b"))))
        .isInstanceOf(ToolException.class)
        .hasMessageStartingWith("full_name: ");

    assertThat(catalog.of(new Args(Map.of("catalog_name", "Main")))).isEqualTo("main");
    assertThat(table.of(new Args(Map.of("full_name", "SAMPLES.TPCH.Orders"))))
        .isEqualTo("samples.tpch.orders");
    Param<String> column = Params.columnName("column_name", "Column");
    assertThat(column.isRequired()).isTrue();
    assertThat(column.of(new Args(Map.of("column_name", "`O_OrderKey`")))).isEqualTo("O_OrderKey");
    assertThatThrownBy(() -> column.of(new Args(Map.of("column_name", "a b"))))
        .hasMessageStartingWith("column_name: ");
    Param<String> pattern = Params.namePattern("name_pattern", "Pattern");
    assertThat(pattern.isRequired()).isFalse();
    assertThat(pattern.of(new Args(Map.of()))).isNull();
    assertThat(pattern.of(new Args(Map.of("name_pattern", "Fact_*")))).isEqualTo("fact_%");
    assertThatThrownBy(() -> pattern.named("query").of(new Args(Map.of("query", "a|b"))))
        .hasMessageStartingWith("query: ");

    Param<String> id = Params.id("warehouse_id", "Warehouse id");
    assertThat(id.of(new Args(Map.of("warehouse_id", "AbC-1")))).isEqualTo("AbC-1");
    assertThat(id.isRequired()).isTrue();
    assertThat(id.of(new Args(Map.of("warehouse_id", " abc-1 ")))).isEqualTo("abc-1");
    assertThatThrownBy(() -> id.of(new Args(Map.of("warehouse_id", "a/b"))))
        .isInstanceOf(ToolException.class)
        .hasMessageStartingWith("warehouse_id: ");
  }
}
