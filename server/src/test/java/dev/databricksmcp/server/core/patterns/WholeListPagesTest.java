package dev.databricksmcp.server.core.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.server.core.ToolException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A list the API answers whole is handed out max_results at a time: the token is the next row's
 * offset, the last page has none, and a token this list did not hand out is a VALIDATION_ERROR on
 * page_token.
 */
class WholeListPagesTest {
  private static final List<String> ALL = List.of("a", "b", "c", "d", "e");

  private static Listing.Request page(int max, String token) {
    return new Listing.Request(max, token, false);
  }

  @Test
  void pagesFollowTheirTokensToTheLastPage() {
    Listing.Page<String> first = WholeListPages.of(ALL, page(2, null));
    assertThat(List.<String>copyOf(first.items())).containsExactly("a", "b");
    assertThat(first.nextPageToken()).isEqualTo("2");
    Listing.Page<String> second = WholeListPages.of(ALL, page(2, first.nextPageToken()));
    assertThat(List.<String>copyOf(second.items())).containsExactly("c", "d");
    Listing.Page<String> last = WholeListPages.of(ALL, page(2, second.nextPageToken()));
    assertThat(List.<String>copyOf(last.items())).containsExactly("e");
    assertThat(last.nextPageToken()).isNull();
    assertThat(WholeListPages.of(ALL, page(5, "")).nextPageToken()).isNull();
    assertThat(WholeListPages.of(ALL, page(9, "5")).items()).isEmpty();
    assertThat(List.<String>copyOf(WholeListPages.of(ALL, page(2, "0")).items()))
        .containsExactly("a", "b");
  }

  @Test
  void aTokenNotHandedOutIsRefusedNamingPageToken() {
    for (String bad : List.of("-1", "x", "1.5")) {
      assertThatThrownBy(() -> WholeListPages.of(ALL, page(2, bad)))
          .isInstanceOf(ToolException.class)
          .hasMessageStartingWith("page_token: ");
    }
  }
}
