package dev.databricksmcp.sandbox.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.http.ApiRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed-in caller tries to reach the host's files, or the sandbox's memory, through DBFS and the
 * Files API: paths with {@code ..} (plain and encoded), host paths, NUL bytes, and bodies past the
 * documented limits. Every one is an API error; no host file is read or written.
 */
@Timeout(120)
class FileStoreAttacksTest {
  @TempDir static Path dataDir;
  private static Sandbox sandbox;

  @BeforeAll
  static void start() throws Exception {
    sandbox = Sandbox.start(new SandboxOptions(0, dataDir, 100));
    send(
        "POST",
        "/api/2.1/unity-catalog/volumes",
        json(
            "{\"catalog_name\":\"main\",\"schema_name\":\"default\",\"name\":\"v\","
                + "\"volume_type\":\"MANAGED\"}"));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void aHostPathIsOnlyANameInDbfs() throws Exception {
    HttpResponse<String> r = send("GET", "/api/2.0/dbfs/read?path=/etc/passwd", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("RESOURCE_DOES_NOT_EXIST").doesNotContain("root:");
    String hostFile = dataDir.resolve("written-by-a-caller").toString();
    HttpResponse<String> put =
        send(
            "POST",
            "/api/2.0/dbfs/put",
            json("{\"path\":\"" + hostFile + "\",\"contents\":\"" + b64("x") + "\"}"));
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(Files.exists(Path.of(hostFile))).isFalse();
  }

  @Test
  void dotDotAndControlCharactersAreRefused() throws Exception {
    for (String path :
        new String[] {"/a/../../etc/passwd", "/a/./b", "dbfs:/../x", "/a\\u0000b", "relative"}) {
      HttpResponse<String> r =
          send(
              "POST",
              "/api/2.0/dbfs/put",
              json("{\"path\":\"" + path + "\",\"contents\":\"" + b64("x") + "\"}"));
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(r.body()).as(path).contains("INVALID_PARAMETER_VALUE");
    }
    for (String path :
        new String[] {
          "/api/2.0/fs/files/Volumes/main/default/v/%2e%2e/%2e%2e/x",
          "/api/2.0/fs/files/Volumes/main/default/v/a/%2E%2E/b",
          "/api/2.0/fs/files/Volumes/main/default/v/a%00b",
          "/api/2.0/fs/files/etc/passwd",
          "/api/2.0/fs/files/Volumes/main/default/v/..%2f..%2fetc"
        }) {
      HttpResponse<String> r = send("PUT", path, HttpRequest.BodyPublishers.ofString("x"));
      assertThat(r.statusCode()).as(path).isBetween(400, 404);
      HttpResponse<String> get = send("GET", path, null);
      assertThat(get.statusCode()).as(path).isBetween(400, 404);
      assertThat(get.body()).doesNotContain("root:");
    }
  }

  @Test
  void bodiesPastTheLimitsAreRefusedAndTheSandboxGoesOn() throws Exception {
    byte[] huge = new byte[ApiRequest.MAX_BODY_BYTES + 1];
    HttpResponse<String> upload =
        send(
            "PUT",
            "/api/2.0/fs/files/Volumes/main/default/v/huge.bin",
            HttpRequest.BodyPublishers.ofByteArray(huge));
    assertThat(upload.statusCode()).isEqualTo(400);
    assertThat(upload.body()).contains("INVALID_PARAMETER_VALUE");

    String twoMb = Base64.getEncoder().encodeToString(new byte[2 * 1024 * 1024]);
    HttpResponse<String> put =
        send(
            "POST",
            "/api/2.0/dbfs/put",
            json("{\"path\":\"/big\",\"contents\":\"" + twoMb + "\"}"));
    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body()).contains("MAX_BLOCK_SIZE_EXCEEDED");
    HttpResponse<String> read = send("GET", "/api/2.0/dbfs/read?path=/big&length=2000000", null);
    assertThat(read.body()).contains("MAX_READ_SIZE_EXCEEDED");

    assertThat(send("GET", "/api/2.0/dbfs/get-status?path=/databricks-datasets", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aRefusedBodyIsReadSoTheClientGetsTheAnswerAndKeepsItsConnection() throws Exception {
    // a server that answers with the body unread closes (resets) the connection under a client
    // still sending, which may then see the reset instead of the 400
    URI host = URI.create(sandbox.host());
    try (Socket socket = new Socket(host.getHost(), host.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String auth = "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + Identities.ADMIN_TOKEN;
      out.write(
          ("PUT /api/2.0/fs/files/Volumes/main/default/v/huge.bin HTTP/1.1"
                  + auth
                  + "\r\nContent-Length: "
                  + (ApiRequest.MAX_BODY_BYTES + 1)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(new byte[ApiRequest.MAX_BODY_BYTES + 1]);
      out.write(
          ("GET /api/2.0/dbfs/get-status?path=/databricks-datasets HTTP/1.1"
                  + auth
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answers).startsWith("HTTP/1.1 400").contains("INVALID_PARAMETER_VALUE");
      assertThat(answers.indexOf("HTTP/1.1 200"))
          .as("the next request on the same connection is answered")
          .isPositive();
    }
  }

  @Test
  void aBodyTheClientWaitsToBeInvitedToSendIsRefusedWithoutAnInvitation() throws Exception {
    URI host = URI.create(sandbox.host());
    try (Socket socket = new Socket(host.getHost(), host.getPort())) {
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(
              ("PUT /api/2.0/fs/files/Volumes/main/default/v/huge.bin HTTP/1.1\r\nHost: 127.0.0.1"
                      + "\r\nAuthorization: Bearer "
                      + Identities.ADMIN_TOKEN
                      + "\r\nExpect: 100-continue\r\nContent-Length: "
                      + (ApiRequest.MAX_BODY_BYTES + 1)
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer)
          .as("no 100 Continue: the client is not asked to upload what is refused")
          .startsWith("HTTP/1.1 400")
          .contains("INVALID_PARAMETER_VALUE");
      assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
    }
  }

  @Test
  void nothingIsWrittenUnderTheDataDirectoryByAPath() throws Exception {
    send("POST", "/api/2.0/dbfs/mkdirs", json("{\"path\":\"/made-by-caller\"}"));
    send(
        "PUT",
        "/api/2.0/fs/files/Volumes/main/default/v/made-by-caller.txt",
        HttpRequest.BodyPublishers.ofString("x"));
    try (Stream<Path> all = Files.walk(dataDir)) {
      assertThat(all.map(Path::toString)).noneMatch(p -> p.contains("made-by-caller"));
    }
  }

  private static HttpRequest.BodyPublisher json(String body) {
    return HttpRequest.BodyPublishers.ofString(body);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes());
  }

  private static HttpResponse<String> send(
      String method, String path, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(sandbox.host() + path))
            .header("Authorization", "Bearer " + Identities.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body)
            .build();
    // a client per request: Jetty closes a connection after refusing a malformed URI or an unread
    // body, and a pooled connection would then fail the next request, not the sandbox
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
