package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.service.workspace.CreateRepoRequest;
import com.databricks.sdk.service.workspace.UpdateRepoRequest;
import dev.databricksmcp.sandbox.auth.Identities;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a caller might try through the Repos API to make the sandbox reach the host or the network:
 * a remote on the host's loopback is linked by name and never connected to (a listening socket
 * there is never called, before or after a pull), a {@code file:} URL is refused, and a path with
 * {@code ..} stays a name in the tree, refused.
 */
@Timeout(120)
class GitFoldersFetchNothingTest {
  @Test
  void aRemoteOnTheHostIsNeverFetched() throws Exception {
    try (Sandbox sandbox = Sandbox.start(SandboxOptions.inMemory());
        ServerSocketChannel listener = ServerSocketChannel.open()) {
      listener.bind(new InetSocketAddress("127.0.0.1", 0));
      listener.configureBlocking(false);
      int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
      WorkspaceClient w = SandboxClients.pat(sandbox, Identities.ADMIN_TOKEN);
      String path = "/Repos/" + Identities.ADMIN.userName() + "/local";
      long id =
          w.repos()
              .create(
                  new CreateRepoRequest()
                      .setUrl("http://127.0.0.1:" + port + "/secret.git")
                      .setProvider("gitHub")
                      .setPath(path))
              .getId();
      w.repos().update(new UpdateRepoRequest().setRepoId(id).setBranch("main"));
      assertThat(listener.accept()).as("a connection to the remote").isNull();
      assertThat(StreamSupport.stream(w.workspace().list(path).spliterator(), false).toList())
          .isEmpty();
      for (String url : List.of("file:///etc", "ssh://127.0.0.1:" + port + "/x", "/etc/passwd")) {
        assertThatThrownBy(
                () ->
                    w.repos()
                        .create(
                            new CreateRepoRequest()
                                .setUrl(url)
                                .setProvider("gitHub")
                                .setPath(path + "2")))
            .isInstanceOf(InvalidParameterValue.class);
      }
      assertThatThrownBy(
              () ->
                  w.repos()
                      .create(
                          new CreateRepoRequest()
                              .setUrl("https://github.com/a/b")
                              .setProvider("gitHub")
                              .setPath("/Users/../../etc/passwd")))
          .isInstanceOf(InvalidParameterValue.class);
    }
  }
}
