package dev.databricksmcp.server.oauth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of {@link OAuthServer}: the two metadata documents and the five endpoints. Answers
 * are JSON (errors as RFC 6749 section 5.2) or redirects, never cached; a browser-based client may
 * read them from another origin (they carry no cookie and no ambient authority).
 */
public final class OAuthServlet extends HttpServlet {
  private static final Logger LOG = LoggerFactory.getLogger(OAuthServlet.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The paths to map this servlet to. */
  public static final String[] PATHS = {
    OAuthServer.PRM_PATH,
    OAuthServer.PRM_PATH + "/mcp",
    OAuthServer.AS_METADATA_PATH,
    OAuthServer.REGISTER_PATH,
    OAuthServer.AUTHORIZE_PATH,
    OAuthServer.CALLBACK_PATH,
    OAuthServer.TOKEN_PATH,
    OAuthServer.REVOKE_PATH
  };

  private final transient OAuthServer server;
  private final transient AuthorizationEndpoints authorization;
  private final transient TokenEndpoints tokens;

  public OAuthServlet(OAuthServer server) {
    this.server = server;
    this.authorization = new AuthorizationEndpoints(server);
    this.tokens = new TokenEndpoints(server);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Access-Control-Allow-Origin", "*");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    String method = request.getMethod();
    if (method.equals("OPTIONS")) {
      response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      response.setHeader(
          "Access-Control-Allow-Headers", "Authorization, Content-Type, mcp-protocol-version");
      response.setStatus(204);
      return;
    }
    String path = request.getRequestURI();
    OAuthReply reply;
    try {
      reply = route(method, path, request);
    } catch (IOException | RuntimeException e) {
      LOG.warn("OAuth endpoint {} failed: {}", path, e.getClass().getSimpleName());
      reply = OAuthReply.error(400, "invalid_request", "The request could not be read");
    }
    write(response, reply);
  }

  private OAuthReply route(String method, String path, HttpServletRequest request)
      throws IOException {
    boolean get = method.equals("GET");
    boolean post = method.equals("POST");
    if (path.startsWith(OAuthServer.PRM_PATH) && get) {
      return OAuthReply.json(200, server.protectedResourceMetadata());
    }
    if (path.equals(OAuthServer.AS_METADATA_PATH) && get) {
      return OAuthReply.json(200, server.authorizationServerMetadata());
    }
    if (path.equals(OAuthServer.REGISTER_PATH) && post) {
      Map<String, Object> metadata =
          JSON.readValue(request.getInputStream(), new TypeReference<Map<String, Object>>() {});
      return authorization.register(metadata == null ? Map.of() : metadata);
    }
    if (path.equals(OAuthServer.AUTHORIZE_PATH) && get) {
      return authorization.authorize(params(request));
    }
    if (path.equals(OAuthServer.CALLBACK_PATH) && get) {
      return authorization.callback(params(request));
    }
    if (path.equals(OAuthServer.TOKEN_PATH) && post) {
      return tokens.token(params(request));
    }
    if (path.equals(OAuthServer.REVOKE_PATH) && post) {
      return tokens.revoke(params(request));
    }
    return OAuthReply.error(405, "invalid_request", method + " is not supported here");
  }

  /** Query and form parameters, the first value of each; client_id from HTTP Basic too. */
  private static Map<String, String> params(HttpServletRequest request) {
    Map<String, String> out = new HashMap<>();
    request.getParameterMap().forEach((k, v) -> out.put(k, v.length == 0 ? null : v[0]));
    String basic = request.getHeader("Authorization");
    if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair =
            new String(
                java.util.Base64.getDecoder().decode(basic.substring(6).trim()),
                StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        out.putIfAbsent(
            "client_id",
            java.net.URLDecoder.decode(
                colon < 0 ? pair : pair.substring(0, colon), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // not Basic after all: the client id must then be in the form
      }
    }
    return out;
  }

  private static void write(HttpServletResponse response, OAuthReply reply) throws IOException {
    response.setStatus(reply.status());
    if (reply.location() != null) {
      response.setHeader("Location", reply.location());
      return;
    }
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(JSON.writeValueAsBytes(reply.json()));
  }
}
