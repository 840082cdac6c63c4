package dev.databricksmcp.server.core;

/** What a destructive call met at the confirmation gate; counted by metrics. */
public enum ConfirmationStep {
  /** CONFIRMATION_REQUIRED with a token for a second call. */
  ASKED,
  /** A valid token, or the user's yes through elicitation: the call goes ahead. */
  GIVEN,
  /** The user said no, or the call's token expired, was used already or does not match. */
  REFUSED
}
