package dev.databricksmcp.server.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.server.tools.sql.FunctionPolicy.Category;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The function policy as data: what it holds, how names match, and that a broken file fails loudly.
 */
class FunctionPolicyTest {
  private static FunctionPolicy load(String text) {
    return FunctionPolicy.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theBuiltInPolicyCoversEveryCategoryTheBriefNames() {
    FunctionPolicy policy = FunctionPolicy.builtIn();
    for (String f : new String[] {"http_request", "secret", "try_secret", "list_secrets"}) {
      assertThat(policy.match(f).category()).as(f).isEqualTo(Category.OUTBOUND);
    }
    for (String f : new String[] {"reflect", "java_method", "try_reflect"}) {
      assertThat(policy.match(f).category()).as(f).isEqualTo(Category.JVM);
    }
    for (String f :
        new String[] {
          "ai_query",
          "ai_gen",
          "ai_anything_new",
          "read_files",
          "read_kafka",
          "read_kinesis",
          "read_pubsub",
          "read_pulsar",
          "vector_search",
          "remote_query",
          "cloud_files_state"
        }) {
      assertThat(policy.match(f).category()).as(f).isEqualTo(Category.COST);
    }
    assertThat(policy.rules()).extracting(FunctionPolicy.Rule::why).allMatch(w -> !w.isBlank());
  }

  @Test
  void namesMatchExactlyOrByPrefixAfterFolding() {
    FunctionPolicy policy = FunctionPolicy.builtIn();
    assertThat(policy.match("SeCrEt"))
        .isEqualTo(
            new FunctionPolicy.Hit(
                "secret", Category.OUTBOUND, "returns the value of a secret from a secret scope"));
    assertThat(policy.match("\u017Fecret").function()).isEqualTo("secret");
    assertThat(policy.match("read_\u212Aafka").function()).isEqualTo("read_kafka");
    assertThat(policy.match("AI_QUERY").function()).isEqualTo("ai_query");
    assertThat(policy.match("secrets")).isNull();
    assertThat(policy.match("my_secret")).isNull();
    assertThat(policy.match("ai")).isNull();
    assertThat(policy.match("air_quality")).isNull();
    assertThat(policy.match("spread_files")).isNull();
    assertThat(policy.match("")).isNull();
  }

  @Test
  void foldingUpperCasesThenLowerCasesEachCodePoint() {
    assertThat(FunctionPolicy.fold("SeCr\u0130T")).isEqualTo("secrit");
    assertThat(FunctionPolicy.fold("\u0131\u017F\u212A")).isEqualTo("isk");
    assertThat(FunctionPolicy.fold("\uD835\uDC00")).isEqualTo("\uD835\uDC00");
  }

  @Test
  void categoriesSayWhatIsRefusedInEveryMode() {
    assertThat(Category.OUTBOUND.refusedUnlessAllowed()).isTrue();
    assertThat(Category.UNRESOLVED.refusedUnlessAllowed()).isTrue();
    assertThat(Category.JVM.refusedUnlessAllowed()).isFalse();
    assertThat(Category.COST.refusedUnlessAllowed()).isFalse();
    assertThat(Category.OUTBOUND.label()).isEqualTo("outbound/secret");
    assertThat(Category.COST.label()).isEqualTo("cost/outside");
    assertThat(Category.JVM.label()).isEqualTo("JVM");
  }

  @Test
  void aHitDescribesItselfWithNameCategoryAndWhy() {
    assertThat(FunctionPolicy.builtIn().match("http_request").describe())
        .isEqualTo(
            "http_request() (outbound/secret — sends an HTTP request through a connection to any"
                + " host)");
    FunctionPolicy.Hit unresolved = FunctionPolicy.unresolved("IDENTIFIER(<expression>)");
    assertThat(unresolved.category()).isEqualTo(Category.UNRESOLVED);
    assertThat(unresolved.describe())
        .startsWith("IDENTIFIER(<expression>)() (unresolved name — the function is named only");
  }

  @Test
  void theFileFormatIsNameCategoryWhyWithCommentsAndBlankLines() {
    FunctionPolicy policy = load("# comment\n\nfoo\toutbound\tsends\r\nbar_*\tCOST\t costs \n");
    assertThat(policy.rules())
        .containsExactly(
            new FunctionPolicy.Rule("foo", Category.OUTBOUND, "sends"),
            new FunctionPolicy.Rule("bar_*", Category.COST, "costs"));
    assertThat(policy.match("bar_x").category()).isEqualTo(Category.COST);
    assertThat(policy.match("bar_")).isNotNull();
    assertThat(policy.match("bar")).isNull();
    assertThat(policy.match("foox")).isNull();
    assertThat(policy.match("xfoo")).isNull();
  }

  @Test
  void aMalformedPolicyFailsLoudlyNamingTheLine() {
    assertThatThrownBy(() -> load("foo\toutbound\twhy\n\nbar\toutbound\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "function-policy.tsv line 3: expected name<TAB>category<TAB>why, got: bar\toutbound");
    assertThatThrownBy(() -> load("foo\toutbound\twhy\textra"))
        .hasMessageContaining("line 1: expected");
    assertThatThrownBy(() -> load("Foo\toutbound\twhy")).hasMessageContaining("line 1: expected");
    assertThatThrownBy(() -> load("f*o\toutbound\twhy")).hasMessageContaining("line 1: expected");
    assertThatThrownBy(() -> load("foo\toutbound\t ")).hasMessageContaining("line 1: expected");
    assertThatThrownBy(() -> load("foo\tnetwork\twhy"))
        .hasMessage(
            "function-policy.tsv line 1: unknown category 'network' (outbound, jvm or cost)");
    assertThatThrownBy(() -> load("foo\tunresolved\twhy"))
        .hasMessageContaining("unknown category 'unresolved'");
    assertThatThrownBy(() -> load("# nothing\n")).hasMessage("function-policy.tsv holds no rules");
    assertThatThrownBy(() -> FunctionPolicy.load(null))
        .hasMessage("function-policy.tsv is missing from the classpath");
  }

  @Test
  void anUnreadablePolicyIsAnError() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk");
          }
        };
    assertThatThrownBy(() -> FunctionPolicy.load(broken))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("disk");
  }

  /**
   * The reason a function is refused reaches the model whole: nothing in it looks like a
   * credential.
   */
  @Test
  void everyRulesWordsSurviveTheRedactor() {
    for (FunctionPolicy.Rule rule : FunctionPolicy.builtIn().rules()) {
      String name = rule.pattern().replace("*", "x");
      String said = FunctionPolicy.builtIn().match(name).describe();
      assertThat(dev.databricksmcp.server.core.Redactor.redact(said))
          .as(rule.pattern())
          .isEqualTo(said);
    }
  }
}
