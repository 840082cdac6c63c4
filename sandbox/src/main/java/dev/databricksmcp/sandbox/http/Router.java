package dev.databricksmcp.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps (method, path) to a handler. Patterns use {@code {name}} for one path segment and {@code
 * {name*}} (last segment only) for the rest of the path, e.g. file paths.
 */
public final class Router {
  private final List<Route> routes = new ArrayList<>();

  /** Routes answered without a bearer token (discovery and OAuth endpoints). */
  public Router publicRoute(String method, String pattern, RouteHandler handler) {
    routes.add(new Route(method, pattern.split("/"), handler, false));
    return this;
  }

  public Router route(String method, String pattern, RouteHandler handler) {
    routes.add(new Route(method, pattern.split("/"), handler, true));
    return this;
  }

  public Router get(String pattern, RouteHandler handler) {
    return route("GET", pattern, handler);
  }

  public Router post(String pattern, RouteHandler handler) {
    return route("POST", pattern, handler);
  }

  public Router patch(String pattern, RouteHandler handler) {
    return route("PATCH", pattern, handler);
  }

  public Router put(String pattern, RouteHandler handler) {
    return route("PUT", pattern, handler);
  }

  public Router head(String pattern, RouteHandler handler) {
    return route("HEAD", pattern, handler);
  }

  public Router delete(String pattern, RouteHandler handler) {
    return route("DELETE", pattern, handler);
  }

  /** One registered route as declared: method, pattern, whether it needs a bearer token. */
  public record RouteSpec(String method, String pattern, boolean authenticated) {}

  /** Every route, in registration order: what this router serves (for listings and tests). */
  public List<RouteSpec> routes() {
    return routes.stream()
        .map(r -> new RouteSpec(r.method, String.join("/", r.pattern), r.authenticated))
        .toList();
  }

  /** A match: the handler and the path variables; empty when no route has this path. */
  public Optional<Match> match(String method, String path) {
    String[] segments = path.split("/");
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> vars = route.match(segments);
      if (vars != null) {
        pathKnown = true;
        if (route.method.equals(method)) {
          return Optional.of(new Match(route.handler, vars, route.authenticated));
        }
      }
    }
    if (pathKnown) {
      return Optional.of(new Match(null, Map.of(), true));
    }
    return Optional.empty();
  }

  /** A matched route; {@code handler} is null when the path exists but not for this method. */
  public record Match(
      RouteHandler handler, Map<String, String> pathVariables, boolean authenticated) {}

  private record Route(
      String method, String[] pattern, RouteHandler handler, boolean authenticated) {
    Map<String, String> match(String[] segments) {
      Map<String, String> vars = new HashMap<>();
      for (int i = 0; i < pattern.length; i++) {
        String p = pattern[i];
        boolean variable = p.startsWith("{") && p.endsWith("}");
        if (variable && p.endsWith("*}")) {
          if (i >= segments.length) {
            return null;
          }
          vars.put(
              p.substring(1, p.length() - 2),
              decode(String.join("/", List.of(segments).subList(i, segments.length))));
          return vars;
        }
        if (i >= segments.length) {
          return null;
        }
        if (variable) {
          if (segments[i].isEmpty()) {
            return null;
          }
          vars.put(p.substring(1, p.length() - 1), decode(segments[i]));
        } else if (!p.equals(segments[i])) {
          return null;
        }
      }
      return segments.length == pattern.length ? vars : null;
    }

    private static String decode(String raw) {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
  }
}
