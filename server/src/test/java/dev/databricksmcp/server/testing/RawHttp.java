package dev.databricksmcp.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client library will send (bad request lines,
 * broken framing, lying Content-Length). One request per connection ("Connection: close").
 */
public final class RawHttp {
  private RawHttp() {}

  /**
   * What came back: the whole response as text (status line, headers, body), empty if nothing did.
   */
  public record Response(String text) {
    public int status() {
      if (!text.startsWith("HTTP/1.")) {
        return -1;
      }
      return Integer.parseInt(text.substring(9, 12));
    }

    public String body() {
      int end = text.indexOf("\r\n\r\n");
      return end < 0 ? "" : text.substring(end + 4);
    }
  }

  /**
   * Sends {@code head} (request line and headers, without the blank line) and {@code body}, then
   * reads until the server closes the connection.
   *
   * @param halfClose end the client's side after sending, as a client that sent less than it said
   */
  public static Response exchange(int port, String head, byte[] body, boolean halfClose)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        if (halfClose) {
          socket.shutdownOutput();
        }
      } catch (IOException refusedWhileSending) {
        // the server may answer (413, 400) and close before taking everything: read what it said
      }
      return new Response(readAll(socket.getInputStream()));
    }
  }

  /** GET /healthz on its own connection. */
  public static Response healthz(int port) throws IOException {
    return exchange(
        port, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close", new byte[0], false);
  }

  /** A POST of {@code body} to {@code path} with these extra header lines. */
  public static String postHead(String path, int contentLength, String... headers) {
    StringBuilder head =
        new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close");
    head.append("\r\nContent-Length: ").append(contentLength);
    for (String header : headers) {
      head.append("\r\n").append(header);
    }
    return head.toString();
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        bytes.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException | java.net.SocketException endedAbruptly) {
      // a reset or a stalled server: what arrived is the answer
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
