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
    try (InputStream in = ReadOnlyGuardCorpusTest.class.getResourceAsStream("/sql/readonly-corpus.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", 2);
        out.add(Arguments.of(parts[0], unescape(parts[1])));
      }
    }
    assertThat(out).hasSizeGreaterThanOrEqualTo(100);
    return out.stream();
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char e = s.charAt(++i);
        out.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
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
        assertThat(result.outboundFunction()).isNull();
      }
      case "WRITE" -> assertThat(result.allReadOnly() && result.statements().size() == 1).as("refused: %s", result).isFalse();
      case "OUTBOUND" -> assertThat(result.outboundFunction()).isNotNull();
      default -> throw new IllegalArgumentException(expected);
    }
  }
}
