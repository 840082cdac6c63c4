package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which failures prove a write was not carried out, and which leave it open. */
class WriteOutcomeTest {
  @ParameterizedTest(name = "HTTP {0} leaves it open: {1}")
  @CsvSource({
    "300,true",
    "399,true",
    "400,false",
    "404,false",
    "409,false",
    "429,false",
    "499,false",
    "500,true",
    "501,false",
    "502,true",
    "503,true",
    "504,true"
  })
  void anAnswerRefusesTheRequestOnlyWhenItIsA4xxOr501(int status, boolean open) {
    assertThat(WriteOutcome.uncertain(new DatabricksError("X", "answer", status))).isEqualTo(open);
  }

  @Test
  void noAnswerLeavesItOpenUnlessNoConnectionWasMade() {
    assertThat(
            WriteOutcome.uncertain(
                new DatabricksError("IO_ERROR", 523, new SocketTimeoutException("Read timed out"))))
        .isTrue();
    assertThat(WriteOutcome.uncertain(new RuntimeException(new IOException("Connection reset"))))
        .isTrue();
    assertThat(WriteOutcome.uncertain(new DatabricksError("IO_ERROR", 0, new IOException("reset"))))
        .isTrue();
    for (IOException neverSent :
        new IOException[] {
          new ConnectException("refused"),
          new UnknownHostException("nohost"),
          new NoRouteToHostException("no route"),
          new PortUnreachableException("closed")
        }) {
      assertThat(WriteOutcome.uncertain(new DatabricksError("IO_ERROR", 523, neverSent)))
          .as(neverSent.toString())
          .isFalse();
      assertThat(WriteOutcome.uncertain(new DatabricksError("IO_ERROR", 0, neverSent)))
          .as("status 0")
          .isFalse();
    }
  }

  @Test
  void verdictsOfOurOwnAndConfigurationFailuresSentNothing() {
    assertThat(WriteOutcome.uncertain(ToolException.validation("name", "bad"))).isFalse();
    assertThat(WriteOutcome.uncertain(new InterruptedException())).isFalse();
    assertThat(
            WriteOutcome.uncertain(new DatabricksException("cannot configure default credentials")))
        .isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"state", "arg"})
  void anyOtherFailureOfOursMayHaveComeAfterTheRequestWentOut(String kind) {
    Exception failure =
        kind.equals("state")
            ? new IllegalStateException("boom")
            : new IllegalArgumentException("boom");
    assertThat(WriteOutcome.uncertain(failure)).isTrue();
  }
}
