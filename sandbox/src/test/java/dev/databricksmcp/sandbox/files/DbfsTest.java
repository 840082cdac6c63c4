package dev.databricksmcp.sandbox.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.service.files.AddBlock;
import com.databricks.sdk.service.files.Create;
import com.databricks.sdk.service.files.Delete;
import com.databricks.sdk.service.files.FileInfo;
import com.databricks.sdk.service.files.Move;
import com.databricks.sdk.service.files.Put;
import com.databricks.sdk.service.files.ReadDbfsRequest;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** DBFS through the real Databricks SDK's {@code w.dbfs()} and its {@code DbfsExt} helpers. */
@Timeout(60)
class DbfsTest {
  private static Sandbox sandbox;
  private static WorkspaceClient w;

  @BeforeAll
  static void start() {
    sandbox = Sandbox.start(SandboxOptions.inMemory());
    w = client(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static WorkspaceClient client(Sandbox s) {
    return new WorkspaceClient(
        new DatabricksConfig()
            .setHost(s.host())
            .setToken(Identities.ADMIN_TOKEN)
            .setAuthType("pat"));
  }

  static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String read(String path, long offset, long length) {
    var r = w.dbfs().read(new ReadDbfsRequest().setPath(path).setOffset(offset).setLength(length));
    return new String(Base64.getDecoder().decode(r.getData()), StandardCharsets.UTF_8);
  }

  @Test
  void theSampleReadmeIsThere() {
    FileInfo readme = w.dbfs().getStatus("dbfs:/databricks-datasets/README.md");
    assertThat(readme.getIsDir()).isFalse();
    assertThat(readme.getFileSize()).isPositive();
    assertThat(read("/databricks-datasets/README.md", 0, 100)).startsWith("# databricks-datasets");
  }

  @Test
  void putReadListMoveAndDelete() {
    w.dbfs().put(new Put().setPath("/tmp/t1/a.txt").setContents(b64("hello world")));
    assertThat(read("/tmp/t1/a.txt", 6, 100)).isEqualTo("world");
    assertThat(
            w.dbfs()
                .read(new ReadDbfsRequest().setPath("/tmp/t1/a.txt").setOffset(50L))
                .getBytesRead())
        .isZero();
    assertThatThrownBy(
            () -> w.dbfs().put(new Put().setPath("/tmp/t1/a.txt").setContents(b64("again"))))
        .isInstanceOf(ResourceAlreadyExists.class);
    w.dbfs().put(new Put().setPath("/tmp/t1/a.txt").setContents(b64("again")).setOverwrite(true));
    assertThat(read("/tmp/t1/a.txt", 0, 100)).isEqualTo("again");

    List<FileInfo> listed =
        StreamSupport.stream(w.dbfs().list("/tmp/t1").spliterator(), false).toList();
    assertThat(listed).extracting(FileInfo::getPath).containsExactly("/tmp/t1/a.txt");

    w.dbfs().move(new Move().setSourcePath("/tmp/t1").setDestinationPath("/tmp/t2"));
    assertThat(read("/tmp/t2/a.txt", 0, 100)).isEqualTo("again");
    assertThatThrownBy(() -> w.dbfs().getStatus("/tmp/t1"))
        .isInstanceOf(ResourceDoesNotExist.class);

    assertThatThrownBy(() -> w.dbfs().delete(new Delete().setPath("/tmp/t2")))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("not empty");
    w.dbfs().delete(new Delete().setPath("/tmp/t2").setRecursive(true));
    assertThatThrownBy(() -> w.dbfs().getStatus("/tmp/t2/a.txt"))
        .isInstanceOf(ResourceDoesNotExist.class);
  }

  @Test
  void aStreamBecomesTheFileOnlyWhenClosed() {
    long handle = w.dbfs().create(new Create().setPath("/tmp/stream.bin")).getHandle();
    w.dbfs().addBlock(new AddBlock().setHandle(handle).setData(b64("part one, ")));
    assertThatThrownBy(() -> w.dbfs().getStatus("/tmp/stream.bin"))
        .isInstanceOf(ResourceDoesNotExist.class);
    w.dbfs().addBlock(new AddBlock().setHandle(handle).setData(b64("part two")));
    w.dbfs().close(handle);
    assertThat(read("/tmp/stream.bin", 0, 100)).isEqualTo("part one, part two");
    assertThatThrownBy(() -> w.dbfs().close(handle)).isInstanceOf(ResourceDoesNotExist.class);
    assertThatThrownBy(() -> w.dbfs().create(new Create().setPath("/tmp/stream.bin")))
        .isInstanceOf(ResourceAlreadyExists.class);
  }

  @Test
  void theSdksDbfsExtWritesAndReadsLargeFiles() throws Exception {
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    try (OutputStream out = w.dbfs().getOutputStream("/tmp/big.bin")) {
      out.write(big);
    }
    assertThat(w.dbfs().getStatus("/tmp/big.bin").getFileSize()).isEqualTo(big.length);
    assertThat(w.dbfs().readAllBytes(Paths.get("/tmp/big.bin"))).isEqualTo(big);
  }

  @Test
  void filesSurviveARestartWithADataDirectory(@TempDir Path dir) {
    try (Sandbox first = Sandbox.start(new SandboxOptions(0, dir, 100))) {
      client(first).dbfs().put(new Put().setPath("/kept/x.txt").setContents(b64("kept")));
    }
    try (Sandbox second = Sandbox.start(new SandboxOptions(0, dir, 100))) {
      var r = client(second).dbfs().read(new ReadDbfsRequest().setPath("/kept/x.txt"));
      assertThat(new String(Base64.getDecoder().decode(r.getData()), StandardCharsets.UTF_8))
          .isEqualTo("kept");
    }
  }
}
