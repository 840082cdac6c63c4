package dev.databricksmcp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.databricksmcp.sandbox.auth.Identities;
import dev.databricksmcp.sandbox.http.RequestLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret's value leaves the sandbox only through {@code GET /secrets/get} to a caller with READ:
 * a canary put through every way in (good calls, calls refused for permission, for a missing scope,
 * for a bad key, for its size) appears in no error body, no request-log entry, and, once the
 * sandbox stops, in no file of its directory but the secrets' own state document (and there only
 * encoded, never as plain text DuckDB's files or SQL could show).
 */
@Timeout(120)
class SecretValuesStayInsideTest {
  private static final String CANARY = "canary-7f3a9c41-never-leaves";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void theCanaryIsInNoAnswerLogOrFileButItsOwn(@TempDir Path dir) throws Exception {
    List<String> bodies = new ArrayList<>();
    try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, dir, 300))) {
      String host = sandbox.host();
      bodies.add(post(host, Identities.ADMIN_TOKEN, "/scopes/create", "{\"scope\": \"canary\"}"));
      bodies.add(put(host, Identities.ADMIN_TOKEN, "canary", "ok"));
      bodies.add(put(host, Identities.USER_TOKEN, "canary", "denied"));
      bodies.add(put(host, Identities.ADMIN_TOKEN, "no-such-scope", "missing"));
      bodies.add(put(host, Identities.ADMIN_TOKEN, "canary", "bad key"));
      bodies.add(
          post(
              host,
              Identities.ADMIN_TOKEN,
              "/put",
              "{\"scope\": \"canary\", \"key\": \"huge\", \"string_value\": \""
                  + CANARY.repeat(128 * 1024 / CANARY.length() + 1)
                  + "\"}"));
      bodies.add(get(host, Identities.ADMIN_TOKEN, "/list?scope=canary"));
      bodies.add(get(host, Identities.USER_TOKEN, "/get?scope=canary&key=ok"));

      assertThat(bodies).noneMatch(b -> b.contains(CANARY));
      assertThat(bodies.get(2)).contains("PERMISSION_DENIED");
      assertThat(bodies.get(3)).contains("RESOURCE_DOES_NOT_EXIST");
      assertThat(bodies.get(4)).contains("INVALID_PARAMETER_VALUE");
      assertThat(bodies.get(5)).contains("INVALID_PARAMETER_VALUE");
      assertThat(sandbox.requestLog().entries())
          .extracting(RequestLog.Entry::toString)
          .noneMatch(e -> e.contains(CANARY));
      // the one way out, for an admin (MANAGE on every scope)
      assertThat(get(host, Identities.ADMIN_TOKEN, "/get?scope=canary&key=ok"))
          .contains(Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8)));
    }
    List<Path> holding = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(CANARY)) {
          holding.add(f);
        }
      }
    }
    assertThat(holding).as("files holding the canary as plain text").isEmpty();
    assertThat(Files.readString(dir.resolve("state/secret-scopes.json")))
        .contains(Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8)));
  }

  private static String put(String host, String token, String scope, String key)
      throws IOException, InterruptedException {
    return post(
        host,
        token,
        "/put",
        "{\"scope\": \""
            + scope
            + "\", \"key\": \""
            + key
            + "\", \"string_value\": \""
            + CANARY
            + "\"}");
  }

  private static String post(String host, String token, String path, String json)
      throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(host + "/api/2.0/secrets" + path))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String get(String host, String token, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(host + "/api/2.0/secrets" + path))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
