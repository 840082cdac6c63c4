package dev.databricksmcp.server.core;

/** The outcome of asking the user through MCP elicitation. */
public enum UserAnswer {
  /** The client cannot ask the user (no elicitation capability, or no session). */
  UNSUPPORTED,
  ACCEPTED,
  DECLINED
}
