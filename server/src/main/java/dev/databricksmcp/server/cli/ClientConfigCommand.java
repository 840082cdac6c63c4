package dev.databricksmcp.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.server.transport.HttpTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code databricks-mcp client-config CLIENT [options]}: the configuration entry that connects a
 * client to this server, with this checkout's launcher and the server options given here; printed,
 * or with {@code --write} merged into the client's own file (a backup kept, an entry of the same
 * name replaced only with {@code --force}).
 */
final class ClientConfigCommand {
  static final OptionSpec TRANSPORT =
      OptionSpec.value(
          "--transport",
          "stdio|http",
          null,
          "stdio",
          "stdio: the client starts the server; http: it connects to one already serving --url.");
  static final OptionSpec URL =
      OptionSpec.value(
          "--url",
          "URL",
          null,
          null,
          "With --transport http: the server's URL (default http://localhost:8000/mcp).");
  static final OptionSpec NAME =
      OptionSpec.value(
          "--name", "NAME", null, "databricks", "The entry's name (default databricks).");
  static final OptionSpec WRITE =
      OptionSpec.flag(
          "--write",
          null,
          "Merge the entry into the client's configuration file for this OS, keeping a backup.");
  static final OptionSpec FORCE =
      OptionSpec.flag("--force", null, "With --write: replace an entry of the same name.");
  static final OptionSpec FILE =
      OptionSpec.value(
          "--file", "FILE", null, null, "With --write: this file instead of the client's own.");
  static final List<OptionSpec> SPECS = List.of(TRANSPORT, URL, NAME, WRITE, FORCE, FILE);

  private static final Pattern ENTRY_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Options whose value is a path: made absolute, as a client starts the server elsewhere. */
  private static final List<OptionSpec> PATHS =
      List.of(CommonOptions.SANDBOX_DIR, CommonOptions.AUDIT_LOG);

  private ClientConfigCommand() {}

  static int run(ParsedArgs args, PrintStream out, PrintStream err, ClientHost host)
      throws IOException {
    if (args.positionals.size() != 1) {
      throw new UsageProblem(
          "client-config needs one CLIENT: " + String.join(", ", McpClient.words()));
    }
    McpClient client = McpClient.named(args.positionals.get(0));
    String name = args.string(NAME);
    if (!ENTRY_NAME.matcher(name).matches()) {
      throw new UsageProblem("--name must be letters, digits, '-' or '_' (got '" + name + "')");
    }
    ObjectNode entry = entry(client, args, host);
    if (!args.flag(WRITE)) {
      out.print(ClientConfigFile.snippet(client, name, entry));
      err.println(
          "# "
              + client.title
              + ": merge into "
              + client.location(host)
              + " (key "
              + client.serversKey
              + "), or run again with --write");
      return 0;
    }
    Path file =
        args.path(FILE) == null ? client.location(host) : host.cwd().resolve(args.path(FILE));
    ClientConfigFile.Outcome outcome =
        ClientConfigFile.merge(file, client, name, entry, args.flag(FORCE), LocalDateTime.now());
    out.println(
        (outcome.replaced() ? "Replaced" : "Added")
            + " the server '"
            + name
            + "' in "
            + file
            + (outcome.backup() == null ? " (a new file)" : "; the old file is " + outcome.backup())
            + ". Restart "
            + client.title
            + " (or reload its MCP servers) to use it.");
    return 0;
  }

  private static ObjectNode entry(McpClient client, ParsedArgs args, ClientHost host) {
    List<Map.Entry<OptionSpec, String>> serverOptions = args.givenOf(CommonOptions.SPECS);
    String transport = args.string(TRANSPORT).trim();
    if (transport.equals("http")) {
      if (!serverOptions.isEmpty()) {
        throw new UsageProblem(
            serverOptions.get(0).getKey().name()
                + " is an option of the HTTP server itself: give it where the server is started"
                + " (databricks-mcp --transport http "
                + serverOptions.get(0).getKey().name()
                + " ...); client-config --transport http takes --url");
      }
      return client.httpEntry(url(args.string(URL)));
    }
    if (!transport.equals("stdio")) {
      throw new UsageProblem("--transport must be stdio or http (got '" + transport + "')");
    }
    if (args.string(URL) != null) {
      throw new UsageProblem("--url goes with --transport http");
    }
    List<String> serverArgs = new ArrayList<>(host.launcher().subList(1, host.launcher().size()));
    for (Map.Entry<OptionSpec, String> option : serverOptions) {
      OptionSpec spec = option.getKey();
      String value = option.getValue();
      if (spec.isFlag()) {
        serverArgs.add(value.equals("true") ? spec.name() : spec.name() + "=" + value);
      } else {
        serverArgs.add(spec.name());
        serverArgs.add(
            PATHS.contains(spec) ? host.cwd().resolve(value).normalize().toString() : value);
      }
    }
    return client.stdioEntry(host.launcher().get(0), serverArgs);
  }

  private static String url(String given) {
    if (given == null) {
      return "http://localhost:8000" + HttpTransport.MCP_PATH;
    }
    try {
      URI uri = URI.create(given.trim());
      if ((uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          && uri.getHost() != null) {
        return uri.toString();
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new UsageProblem("--url must be an http:// or https:// URL (got '" + given + "')");
  }
}
