package dev.databricksmcp.server.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The read-only guard over a corpus of allowed and refused statements, bypass tricks included. */
class ReadOnlyGuardCorpusTest {
  static Stream<Arguments> corpus() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (InputStream in =
        ReadOnlyGuardCorpusTest.class.getResourceAsStream("/sql/readonly-corpus.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", 2);
        out.add(Arguments.of(parts[0], unescape(parts[1])));
      }
    }
    assertThat(out).hasSizeGreaterThanOrEqualTo(200);
    return out.stream();
  }

  /**
   * Backslash n, r, t and u plus four hex digits as in Java; a backslash before anything else
   * stands for it.
   */
  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(++i);
        if (e == 'u') {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        } else {
          out.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("corpus")
  void classifies(String expected, String sql) {
    SqlClassifier.Result result = SqlClassifier.classify(sql);
    switch (expected) {
      case "READ" -> {
        assertThat(result.allReadOnly()).as("read-only: %s", result).isTrue();
        assertThat(result.statements()).hasSize(1);
        assertThat(result.functions()).isEmpty();
      }
      case "WRITE" ->
          assertThat(result.allReadOnly() && result.statements().size() == 1)
              .as("refused: %s", result)
              .isFalse();
      case "OUTBOUND", "UNRESOLVED", "JVM", "COST" -> {
        FunctionPolicy.Category category = FunctionPolicy.Category.valueOf(expected);
        assertThat(result.allReadOnly()).as("not read-only: %s", result).isFalse();
        assertThat(result.functions())
            .as("calls: %s", result)
            .extracting(FunctionPolicy.Hit::category)
            .contains(category);
        // refused in every mode exactly when the category says so
        assertThat(result.strictFunction() != null)
            .as("strict: %s", result)
            .isEqualTo(category.refusedUnlessAllowed());
      }
      default -> throw new IllegalArgumentException(expected);
    }
  }

  /** Whether the call throws a ToolException (a refusal). */
  static boolean refused(Runnable call) {
    try {
      call.run();
      return false;
    } catch (dev.databricksmcp.server.core.ToolException e) {
      return true;
    }
  }

  /**
   * execute_sql_read_only refuses exactly what read-only mode refuses: every statement of the
   * corpus but the reads.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("corpus")
  void theReadOnlyQueryToolRefusesWhatReadOnlyModeRefuses(String expected, String sql) {
    boolean byMode = refused(() -> SqlGuard.checkSingle("statement", sql, true, false));
    boolean byTool = refused(() -> SqlGuard.checkRead("statement", sql, false, true));
    assertThat(byTool).as("refused by execute_sql_read_only: %s", sql).isEqualTo(byMode);
    assertThat(byTool).as("refused: %s", sql).isEqualTo(!expected.equals("READ"));
  }

  /** The same over the generated attack corpus (quotes, comments, escapes, DML after WITH). */
  @org.junit.jupiter.api.Test
  void theReadOnlyQueryToolRefusesTheGeneratedAttackCorpus() {
    int refusedCount = 0;
    for (String sql : new SqlAttackCorpus(20261215L).generate(3000)) {
      boolean byMode = refused(() -> SqlGuard.checkSingle("statement", sql, true, false));
      boolean byTool = refused(() -> SqlGuard.checkRead("statement", sql, true, true));
      assertThat(byTool).as("refused by execute_sql_read_only: %s", sql).isEqualTo(byMode);
      refusedCount += byTool ? 1 : 0;
    }
    assertThat(refusedCount).isGreaterThan(1000);
  }
}
