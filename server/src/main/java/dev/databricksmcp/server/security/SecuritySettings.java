package dev.databricksmcp.server.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The controls that apply to every tool call.
 *
 * @param confirmDestructive ask before destructive tools (off with --no-confirm, for automation)
 * @param confirmationTtl how long a confirmation token stays valid
 * @param rateLimitPerMinute tool calls per minute per principal; 0 = no limit
 * @param rateLimitBurst calls allowed at once before the rate applies
 * @param maxConcurrentCalls tool calls (and so Databricks calls) running at once, server-wide
 * @param defaultTimeout backstop for a tool call; tools with their own deadline stay well under it
 * @param toolTimeouts per-tool overrides of the backstop
 * @param auditLog file for the audit lines; null writes them to stderr
 * @param confirmationKey the key replicas share to sign confirmation tokens; null: one per process
 */
public record SecuritySettings(
    boolean confirmDestructive,
    Duration confirmationTtl,
    int rateLimitPerMinute,
    int rateLimitBurst,
    int maxConcurrentCalls,
    Duration defaultTimeout,
    Map<String, Duration> toolTimeouts,
    Path auditLog,
    byte[] confirmationKey) {

  public SecuritySettings {
    toolTimeouts = Map.copyOf(toolTimeouts);
  }

  public static SecuritySettings defaults() {
    return new SecuritySettings(
        true, Duration.ofMinutes(5), 600, 120, 32, Duration.ofMinutes(5), Map.of(), null, null);
  }

  public Duration timeoutFor(String tool) {
    return toolTimeouts.getOrDefault(tool, defaultTimeout);
  }

  public SecuritySettings withConfirm(boolean confirm) {
    return new SecuritySettings(
        confirm,
        confirmationTtl,
        rateLimitPerMinute,
        rateLimitBurst,
        maxConcurrentCalls,
        defaultTimeout,
        toolTimeouts,
        auditLog,
        confirmationKey);
  }
}
