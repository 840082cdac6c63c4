package dev.databricksmcp.server.cli;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.service.catalog.CatalogInfo;
import com.databricks.sdk.service.catalog.GetMetastoreSummaryResponse;
import com.databricks.sdk.service.catalog.ListCatalogsRequest;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;
import dev.databricksmcp.sandbox.Sandbox;
import dev.databricksmcp.sandbox.SandboxOptions;
import dev.databricksmcp.server.core.Redactor;
import dev.databricksmcp.server.mcp.ServerInfo;
import dev.databricksmcp.server.tracing.TracingSettings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The checks of {@code doctor}, each a line: passed, or failed with what to do. A check that needs
 * an earlier one (the workspace needs a configuration, the warehouse a sign-in) is reported as not
 * run rather than failing on its own. Nothing secret is printed: the auth type and, for a token, a
 * fingerprint of it (the first 8 hex digits of its SHA-256), which tells two tokens apart and
 * reveals nothing of either.
 */
final class DoctorChecks {
  /** One line of the report; {@code advice} is null for a check that passed. */
  record Check(String name, boolean ok, String detail, String advice) {
    static Check pass(String name, String detail) {
      return new Check(name, true, detail, null);
    }

    static Check fail(String name, String detail, String advice) {
      return new Check(name, false, detail, advice);
    }
  }

  /** The longest the reachability probe and any SDK request wait: a doctor answers promptly. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final CommonOptions common;
  private final ServeOptions serve;
  private final Map<String, String> env;
  private final List<Check> checks = new ArrayList<>();

  DoctorChecks(CommonOptions common, ServeOptions serve, Map<String, String> env) {
    this.common = common;
    this.serve = serve;
    this.env = env;
  }

  List<Check> run() {
    Sandbox sandbox = null;
    try {
      DatabricksConfig config;
      if (common.sandbox) {
        sandbox = Sandbox.start(new SandboxOptions(0, common.sandboxDir));
        config =
            new DatabricksConfig()
                .setHost(sandbox.host())
                .setToken(sandbox.adminToken())
                .setAuthType("pat");
        checks.add(
            Check.pass(
                "configuration",
                "the local sandbox workspace at "
                    + sandbox.host()
                    + " (--sandbox): not a real one"));
      } else {
        config = DoctorConfiguration.resolve(common.profile, env, checks);
      }
      WorkspaceClient w = config == null ? null : reach(config);
      User me = w == null ? null : signedIn(w);
      if (me != null) {
        attempt("SQL warehouse", () -> DoctorWarehouse.check(w, me, env));
        attempt("Unity Catalog", () -> metastore(w));
        attempt("catalogs", () -> catalogs(w));
      }
      skipWhatWasNotRun();
      checks.add(server());
      checks.add(DoctorConfiguration.http(serve, common, env));
      checks.add(tracing(env));
      checks.add(DoctorMetrics.check(serve));
      return checks;
    } finally {
      if (sandbox != null) {
        sandbox.close();
      }
    }
  }

  /** Whether the OTEL_* variables turn traces on, and where spans go (one line). */
  static Check tracing(Map<String, String> env) {
    TracingSettings tracing = TracingSettings.from(env);
    String problem = tracing.problem();
    return problem == null
        ? Check.pass("tracing", tracing.describe())
        : Check.fail(
            "tracing", "the OTEL_* variables ask for traces this server cannot send", problem);
  }

  /** The workspace reached (any HTTP answer will do), then the client built on it. */
  private WorkspaceClient reach(DatabricksConfig config) {
    String host = config.getHost();
    try {
      URI root = URI.create(host + "/");
      probe(root); // the first request loads the HTTP and TLS classes: not the workspace's time
      long started = System.nanoTime();
      int status = probe(root);
      long millis = (System.nanoTime() - started) / 1_000_000;
      checks.add(
          Check.pass("workspace", host + " answered in " + millis + " ms (HTTP " + status + ")"));
    } catch (IOException | IllegalArgumentException e) {
      checks.add(Check.fail("workspace", "cannot reach " + host + ": " + why(e), reachAdvice(e)));
      return null;
    }
    config.setHttpTimeoutSeconds((int) TIMEOUT.toSeconds());
    return new WorkspaceClient(config);
  }

  /** The status of a GET without credentials: any answer means the workspace is reachable. */
  private static int probe(URI uri) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setConnectTimeout((int) TIMEOUT.toMillis());
    connection.setReadTimeout((int) TIMEOUT.toMillis());
    connection.setInstanceFollowRedirects(false);
    try {
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }

  private static String why(Exception e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof UnknownHostException) {
      return "no such host";
    }
    if (e instanceof SocketTimeoutException) {
      return "no answer within " + TIMEOUT.toSeconds() + " s";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static String reachAdvice(Exception e) {
    return e instanceof UnknownHostException
        ? "check the host name (the workspace URL, e.g. https://<workspace>.cloud.databricks.com)"
        : "check the host and port, and that this machine may reach the workspace (VPN, proxy:"
            + " HTTPS_PROXY, IP access lists)";
  }

  /** Who the credentials sign in as; null (and a ✗ line) when they do not. */
  private User signedIn(WorkspaceClient w) {
    try {
      User me = w.currentUser().me(new MeRequest());
      DatabricksConfig c = w.config();
      String token = c.getToken();
      checks.add(
          Check.pass(
              "signed in",
              me.getUserName()
                  + " (auth "
                  + c.getAuthType()
                  + (token == null ? "" : ", token fingerprint " + fingerprint(token))
                  + ")"));
      return me;
    } catch (DatabricksError e) {
      checks.add(Check.fail("signed in", apiError(e), advice("signed in", e)));
    } catch (DatabricksException e) {
      checks.add(
          Check.fail(
              "signed in",
              "no credentials: " + Redactor.redact(e.getMessage()),
              "give the workspace a token (DATABRICKS_TOKEN, or token in the profile), a service"
                  + " principal (client_id and client_secret), or run databricks auth login"
                  + " --host <workspace URL>"));
    }
    return null;
  }

  private Check metastore(WorkspaceClient w) {
    GetMetastoreSummaryResponse m = w.metastores().summary();
    return Check.pass(
        "Unity Catalog",
        "metastore "
            + m.getName()
            + " ("
            + m.getMetastoreId()
            + (m.getRegion() == null ? "" : ", " + m.getRegion())
            + ")");
  }

  private Check catalogs(WorkspaceClient w) {
    List<String> names = new ArrayList<>();
    Iterator<CatalogInfo> it =
        w.catalogs().list(new ListCatalogsRequest().setMaxResults(50L)).iterator();
    while (it.hasNext() && names.size() < 6) {
      names.add(it.next().getName());
    }
    if (names.isEmpty()) {
      return Check.fail(
          "catalogs",
          "no catalog is visible to you",
          "ask a catalog owner for USE CATALOG (GRANT USE CATALOG ON CATALOG c TO `you`)");
    }
    return Check.pass(
        "catalogs",
        "can list catalogs: "
            + String.join(", ", names.subList(0, Math.min(5, names.size())))
            + (names.size() > 5 ? ", ..." : ""));
  }

  private Check server() {
    return Check.pass(
        "server",
        ServerInfo.NAME
            + " "
            + ServerInfo.version()
            + " on Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + "), "
            + System.getProperty("os.name"));
  }

  /** Runs one check against the workspace; an API error becomes its ✗ line, never a trace. */
  private void attempt(String name, Supplier<Check> check) {
    try {
      checks.add(check.get());
    } catch (DatabricksError e) {
      checks.add(Check.fail(name, apiError(e), advice(name, e)));
    } catch (RuntimeException e) {
      checks.add(
          Check.fail(
              name,
              Redactor.redact(e.getClass().getSimpleName() + ": " + e.getMessage()),
              "run with --log-level debug to see the requests made"));
    }
  }

  static String apiError(DatabricksError e) {
    return Redactor.redact(
        "the workspace answered "
            + e.getStatusCode()
            + (e.getErrorCode() == null ? "" : " " + e.getErrorCode())
            + ": "
            + e.getMessage());
  }

  private static String advice(String check, DatabricksError e) {
    int status = e.getStatusCode();
    if (check.equals("signed in") && (status == 401 || status == 403)) {
      return "the credentials were refused: a token may be expired, revoked or for another"
          + " workspace; make a new one (Settings > Developer > Access tokens) or run databricks"
          + " auth login --host <workspace URL>, then update the profile or DATABRICKS_TOKEN";
    }
    if (check.equals("Unity Catalog")) {
      return "the catalog tools need Unity Catalog: ask an account admin to assign a metastore to"
          + " this workspace";
    }
    if (status == 403) {
      return "your principal lacks a permission this check needs: ask a workspace admin";
    }
    return "run with --log-level debug to see the requests made";
  }

  /** The workspace checks that did not run because an earlier one failed. */
  private void skipWhatWasNotRun() {
    for (String name :
        List.of("workspace", "signed in", "SQL warehouse", "Unity Catalog", "catalogs")) {
      if (checks.stream().noneMatch(c -> c.name().equals(name))) {
        checks.add(
            Check.fail(name, "not checked: it needs the checks above", "fix the first ✗ above"));
      }
    }
  }

  static String fingerprint(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      return "(unavailable)";
    }
  }
}
