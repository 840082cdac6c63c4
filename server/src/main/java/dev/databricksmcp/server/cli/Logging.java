package dev.databricksmcp.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.Locale;
import java.util.Set;
import org.slf4j.LoggerFactory;

/** Applies --log-level to logback (set up by StderrLogConfigurator to write to stderr only). */
final class Logging {
  private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");

  private Logging() {}

  static void configure(String level) {
    String wanted = level == null ? "info" : level.trim().toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(wanted)) {
      throw new UsageProblem(
          "--log-level must be one of error, warn, info, debug, trace (got '" + level + "')");
    }
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(wanted));
      if (!wanted.equals("info") && !wanted.equals("warn")) {
        // libraries are held at WARN by StderrLogConfigurator; debugging wants them too (messages
        // stay redacted), and error means errors only from them as well
        for (String library :
            new String[] {"com.databricks.sdk", "io.modelcontextprotocol", "org.eclipse.jetty"}) {
          context.getLogger(library).setLevel(Level.toLevel(wanted));
        }
      }
    }
  }
}
