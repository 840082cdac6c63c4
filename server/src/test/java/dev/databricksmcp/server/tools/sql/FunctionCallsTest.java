package dev.databricksmcp.server.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.server.tools.sql.FunctionPolicy.Category;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which calls of restricted functions are found, under which names, and which look-alikes are not
 * calls.
 */
class FunctionCallsTest {
  private static List<String> hits(String sql) throws SqlLexer.LexError {
    return FunctionCalls.find(SqlLexer.tokens(sql), FunctionPolicy.builtIn()).stream()
        .map(h -> h.function() + ":" + h.category())
        .toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "secret('a')",
        "SECRET('a')",
        "`secret`('a')",
        "system.builtin.secret('a')",
        "builtin.secret('a')",
        "`system`.`builtin`.`secret`('a')",
        "`system.builtin.secret`('a')",
        "\"secret\"('a')",
        "x.\"secret\"('a')",
        "IDENTIFIER('secret')('a')",
        "IDENTIFIER(\"secret\")('a')",
        "IDENTIFIER(r'secret')('a')",
        "IDENTIFIER('system.builtin.secret')('a')",
        "IDENTIFIER('`secret`')('a')",
        "IDENTIFIER(' secret ')('a')",
        "system.IDENTIFIER('builtin').secret('a')",
        "IDENTIFIER('system').builtin.secret('a')",
        "secret /* c */ ('a')",
        "secret --c\r('a')",
        "secret\n('a')",
        "upper(secret('a'))",
        "FROM secret()",
        "IDENTIFIER(upper(secret('a')))"
      })
  void aSecretCallIsFoundHoweverItIsNamed(String sql) throws Exception {
    assertThat(hits(sql)).containsExactly("secret:OUTBOUND");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "IDENTIFIER(:p)('a')",
        "IDENTIFIER(?)('a')",
        "IDENTIFIER('se' || 'cret')('a')",
        "IDENTIFIER('se' 'cret')('a')",
        "IDENTIFIER(('secret'))('a')",
        "IDENTIFIER('s\\ecret')('a')",
        "IDENTIFIER('a.')('a')",
        "IDENTIFIER('.a')('a')",
        "IDENTIFIER('a b')('a')",
        "IDENTIFIER('a..b')('a')",
        "IDENTIFIER('')('a')",
        "IDENTIFIER('a.1')('a')",
        "IDENTIFIER('`a')('a')",
        "IDENTIFIER('it''s.secret')('a')",
        "IDENTIFIER($$x$$)('a')",
        "IDENTIFIER()('a')",
        "\"se\\cret\"('a')",
        "IDENTIFIER(:p).x('a')"
      })
  void aCallWhoseNameIsKnownOnlyAtRunTimeIsUnresolved(String sql) throws Exception {
    List<FunctionPolicy.Hit> found =
        FunctionCalls.find(SqlLexer.tokens(sql), FunctionPolicy.builtIn());
    assertThat(found).extracting(FunctionPolicy.Hit::category).containsExactly(Category.UNRESOLVED);
  }

  @Test
  void anUnresolvedCallIsShownAsWritten() throws Exception {
    assertThat(hits("IDENTIFIER(:p)('a')")).containsExactly("IDENTIFIER(<expression>):UNRESOLVED");
    assertThat(hits("\"se\\cret\"('a')")).containsExactly("\"se\\cret\":UNRESOLVED");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "secret",
        "secret.x('a')",
        "t.secret",
        "IDENTIFIER('secret')",
        "IDENTIFIER('secret') x ('a')",
        "IDENTIFIER(:p)",
        "'secret'('a')",
        "r\"secret\"('a')",
        "my_secret('a')",
        "secrets('a')",
        "secret_col + ('a')",
        "IDENTIFIER('secret'",
        "(IDENTIFIER('secret'",
        "IDENTIFIER",
        "`secret`",
        "`sec``ret`('a')",
        "x.",
        "x. ('a')",
        "secret.('a')",
        "secret.",
        "secret.)",
        "IDENTIFIER(:p) + 1",
        "$$ secretive(1) $$"
      })
  void lookAlikesAreNotCalls(String sql) throws Exception {
    assertThat(hits(sql)).isEmpty();
  }

  @Test
  void everyRestrictedCallIsFoundOnce() throws Exception {
    assertThat(
            hits(
                "SELECT secret('a'), ai_query('e', 'q'), secret('b'), reflect('c', 'm'), upper(x)"
                    + " FROM read_files('p')"))
        .containsExactly("secret:OUTBOUND", "ai_query:COST", "reflect:JVM", "read_files:COST");
  }

  @Test
  void bodiesAreSearchedAsTextAndAsSql() throws Exception {
    assertThat(hits("$$ return secret('s', 'k') $$")).containsExactly("secret:OUTBOUND");
    assertThat(hits("$py$ # don't\nhttp_request (x) $py$"))
        .containsExactly("http_request:OUTBOUND");
    assertThat(hits("$$ `secret` ('x') $$")).containsExactly("secret:OUTBOUND");
    assertThat(hits("$$ \"ai_query\"('x') $$")).containsExactly("ai_query:COST");
    assertThat(hits("$$ secret/**/('x') $$")).containsExactly("secret:OUTBOUND");
    assertThat(hits("$$ x = identifier(1) $$"))
        .containsExactly("IDENTIFIER(<expression>):UNRESOLVED");
    assertThat(hits("$$ IDENTIFIER('reflect')('x') $$")).contains("reflect:JVM");
    assertThat(hits("$a$ $b$ secret('x') $b$ $a$")).containsExactly("secret:OUTBOUND");
    assertThat(hits("$$$$")).isEmpty();
    assertThat(hits("$$ upper('x') $$")).isEmpty();
  }

  @Test
  void literalValuesAreTakenOnlyWhenCertain() throws Exception {
    assertThat(SqlLiterals.stringValue(SqlLexer.tokens("'it''s'").get(0))).isEqualTo("it's");
    assertThat(SqlLiterals.stringValue(SqlLexer.tokens("\"a\"\"b''\"").get(0))).isEqualTo("a\"b''");
    assertThat(SqlLiterals.stringValue(SqlLexer.tokens("r'a\\b'").get(0))).isEqualTo("a\\b");
    assertThat(SqlLiterals.stringValue(SqlLexer.tokens("R\"a\"").get(0))).isEqualTo("a");
    assertThat(SqlLiterals.stringValue(SqlLexer.tokens("'a\\'b'").get(0))).isNull();
    assertThat(SqlLiterals.stringValue(SqlLexer.tokens("'\\x'").get(0))).isNull();
    assertThat(SqlLiterals.stringValue(SqlLexer.tokens("''").get(0))).isEmpty();
    assertThat(SqlLiterals.backtickValue(SqlLexer.tokens("`a``b`").get(0))).isEqualTo("a`b");
  }
}
