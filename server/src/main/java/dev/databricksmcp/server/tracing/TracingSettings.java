package dev.databricksmcp.server.tracing;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the standard OpenTelemetry variables ask for traces, read without loading any
 * OpenTelemetry class: a server nobody asked to trace (stdio, most of all) loads none.
 *
 * <p>On when {@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} is
 * set, or {@code OTEL_TRACES_EXPORTER} names an exporter; off when {@code OTEL_SDK_DISABLED=true}
 * or {@code OTEL_TRACES_EXPORTER=none}. The rest of the variables are the SDK's autoconfiguration
 * to read.
 */
public record TracingSettings(boolean enabled, String exporter, String endpoint, String protocol) {
  // endpoint: where spans go, without user info or query (never printed with credentials)
  /** Where an OTLP/HTTP exporter sends when no endpoint is given (the specification's default). */
  static final String DEFAULT_ENDPOINT = "http://localhost:4318";

  private static final String NOT_A_URL = "(an endpoint that is not a URL)";

  public static TracingSettings fromEnvironment() {
    return from(System.getenv());
  }

  public static TracingSettings from(Map<String, String> env) {
    String tracesEndpoint = value(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    String endpoint = value(env, "OTEL_EXPORTER_OTLP_ENDPOINT");
    String exporter = value(env, "OTEL_TRACES_EXPORTER");
    String protocol = value(env, "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL");
    if (protocol == null) {
      protocol = value(env, "OTEL_EXPORTER_OTLP_PROTOCOL");
    }
    boolean disabled = "true".equalsIgnoreCase(value(env, "OTEL_SDK_DISABLED"));
    boolean asked = tracesEndpoint != null || endpoint != null || exporter != null;
    boolean none = exporter != null && exporter.trim().equalsIgnoreCase("none");
    String where;
    if (tracesEndpoint != null) {
      where = safeUrl(tracesEndpoint);
    } else {
      // the base endpoint gets the signal's path, as the OTLP exporter specification says
      String base = safeUrl(endpoint == null ? DEFAULT_ENDPOINT : endpoint);
      where = base.equals(NOT_A_URL) ? base : base.replaceAll("/+$", "") + "/v1/traces";
    }
    return new TracingSettings(
        asked && !disabled && !none,
        exporter == null ? "otlp" : exporter.trim().toLowerCase(Locale.ROOT),
        where,
        protocol == null ? "http/protobuf" : protocol.trim().toLowerCase(Locale.ROOT));
  }

  /**
   * Why the asked-for tracing cannot start, or null: this build sends OTLP over HTTP only (the
   * JDK's client; gRPC would need OkHttp and Kotlin).
   */
  public String problem() {
    if (!enabled) {
      return null;
    }
    if (!exporter.equals("otlp")) {
      return "OTEL_TRACES_EXPORTER="
          + exporter
          + " is not available in this build: use otlp (OTLP over HTTP)";
    }
    if (!protocol.equals("http/protobuf")) {
      return "OTLP protocol "
          + protocol
          + " is not available in this build: set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf"
          + " and point it at the collector's OTLP/HTTP port (4318)";
    }
    return null;
  }

  /** One line for doctor: on or off, and where spans go (no credentials, no headers). */
  public String describe() {
    if (!enabled) {
      return "off (set OTEL_EXPORTER_OTLP_ENDPOINT to send traces to a collector)";
    }
    String problem = problem();
    if (problem != null) {
      return "asked for but cannot start: " + problem;
    }
    return "on: OTLP " + protocol + " to " + endpoint;
  }

  /** The URL without user info, query or fragment: those may carry credentials. */
  static String safeUrl(String url) {
    try {
      URI uri = URI.create(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return NOT_A_URL;
      }
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
          .toString();
    } catch (Exception e) {
      return NOT_A_URL;
    }
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }
}
