package dev.databricksmcp.server.tracing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A collector's OTLP/HTTP trace endpoint on loopback ({@code POST /v1/traces}, protobuf): keeps
 * every export request as received, answers 200.
 */
final class OtlpReceiver implements AutoCloseable {
  private final HttpServer server;
  private final List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();

  OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/traces",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            received.add(ExportTraceServiceRequest.parseFrom(in.readAllBytes()));
          }
          byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
          exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
  }

  /** The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT takes it. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<ExportTraceServiceRequest> requests() {
    return List.copyOf(received);
  }

  List<ResourceSpans> resources() {
    List<ResourceSpans> out = new ArrayList<>();
    received.forEach(r -> out.addAll(r.getResourceSpansList()));
    return out;
  }

  List<Span> spans() {
    List<Span> out = new ArrayList<>();
    for (ResourceSpans r : resources()) {
      for (ScopeSpans s : r.getScopeSpansList()) {
        out.addAll(s.getSpansList());
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
