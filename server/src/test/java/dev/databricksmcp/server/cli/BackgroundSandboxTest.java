package dev.databricksmcp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.connection.ConnectionSettings;
import dev.databricksmcp.server.connection.SharedWorkspaceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox started beside the server, and the workspace connection that waits for it. */
class BackgroundSandboxTest {
  @Test
  void theConnectionIsThatOfTheStartedSandboxAndItsClientReachesIt() {
    try (BackgroundSandbox sandbox = BackgroundSandbox.start(SandboxOptions.inMemory())) {
      ConnectionSettings connection = sandbox.connection();
      assertThat(connection.sandbox()).isTrue();
      assertThat(connection.sandboxHost()).startsWith("http://127.0.0.1:");

      SharedWorkspaceProvider provider = new SharedWorkspaceProvider(sandbox::connection, true);
      assertThat(
              provider
                  .client()
                  .currentUser()
                  .me(new com.databricks.sdk.service.iam.MeRequest())
                  .getUserName())
          .contains("admin");
    }
  }

  @Test
  void aSandboxThatCannotStartIsSaidSoOnUseNotAsAHang(@TempDir Path dir) throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("file"), "x");
    try (BackgroundSandbox sandbox =
        BackgroundSandbox.start(new SandboxOptions(0, notADirectory))) {
      assertThatThrownBy(sandbox::connection)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("The sandbox did not start: ");
    }
  }

  @Test
  void aDeferredSandboxBootsWhenItsConnectionIsFirstAskedFor() {
    try (BackgroundSandbox sandbox =
        BackgroundSandbox.deferred(SandboxOptions.inMemory(), Duration.ofHours(1))) {
      assertThat(sandbox.connection().sandboxHost()).startsWith("http://127.0.0.1:");
    }
  }

  @Test
  void aDeferredSandboxClosedBeforeItWasNeededNeverBoots(@TempDir Path dir) throws Exception {
    BackgroundSandbox sandbox =
        BackgroundSandbox.deferred(new SandboxOptions(0, dir), Duration.ofMillis(300));
    // close() waits for the boot thread's decision: whatever it would have written is there now
    sandbox.close();

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aDeferredSandboxBootsOnItsOwnOnceTheDelayHasPassed(@TempDir Path dir) throws Exception {
    try (BackgroundSandbox sandbox =
        BackgroundSandbox.deferred(new SandboxOptions(0, dir), Duration.ofMillis(200))) {
      // nothing asks for it: its data directory fills all the same
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (isEmpty(dir) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(isEmpty(dir)).isFalse();
    }
  }

  @Test
  void aDeferredSandboxWaitsForItsBoot(@TempDir Path dir) throws Exception {
    try (BackgroundSandbox sandbox =
        BackgroundSandbox.deferred(new SandboxOptions(0, dir), Duration.ofHours(1))) {
      Thread.sleep(500);
      assertThat(isEmpty(dir)).isTrue();

      // boot() alone starts it: nothing asks for its connection until its files are there
      sandbox.boot();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (isEmpty(dir) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(isEmpty(dir)).isFalse();
      assertThat(sandbox.connection().sandboxHost()).startsWith("http://127.0.0.1:");
    }
  }

  private static boolean isEmpty(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isEmpty();
    }
  }

  @Test
  void theProviderAsksForLateSettingsOnlyWhenAClientIsNeededAndOnlyOnce() {
    AtomicInteger asked = new AtomicInteger();
    try (BackgroundSandbox sandbox = BackgroundSandbox.start(SandboxOptions.inMemory())) {
      SharedWorkspaceProvider provider =
          new SharedWorkspaceProvider(
              () -> {
                asked.incrementAndGet();
                return sandbox.connection();
              },
              true);
      assertThat(provider.sandbox()).isTrue();
      assertThat(asked).hasValue(0);

      String host = provider.host();
      provider.client();
      provider.client();
      assertThat(host).isEqualTo(sandbox.connection().sandboxHost());
      assertThat(asked).hasValue(1);
    }
  }
}
