package dev.databricksmcp.server.core;

import java.util.Objects;

/**
 * What a destructive call would act on, in words for the user and as a fingerprint of the object's
 * identity (e.g. its id and creation time). A confirmation is bound to the fingerprint, so an
 * object replaced between confirmation and execution is not touched.
 *
 * <p>{@code effect} says what the user is told about undoing it: only an {@link
 * Effect#IRREVERSIBLE} action (a delete, a drop, a revoke) is called one that cannot be undone.
 */
public record ConfirmationTarget(String description, String fingerprint, Effect effect) {
  /** Whether the confirmed action can be undone, in the words the confirmation question uses. */
  public enum Effect {
    /** A delete, drop, truncate or revoke: what it removes does not come back by itself. */
    IRREVERSIBLE,
    /** A change that can be changed back (a stop, a comment, a setting). */
    REVERSIBLE,
    /** A change whose reversibility the tool does not know (e.g. SQL it did not classify). */
    CHANGE
  }

  public ConfirmationTarget {
    Objects.requireNonNull(effect, "effect");
  }

  /** A target whose reversibility is not stated: the question does not claim either way. */
  public ConfirmationTarget(String description, String fingerprint) {
    this(description, fingerprint, Effect.CHANGE);
  }

  /** A delete, drop or revoke: the question says it cannot be undone. */
  public static ConfirmationTarget irreversible(String description, String fingerprint) {
    return new ConfirmationTarget(description, fingerprint, Effect.IRREVERSIBLE);
  }

  /** A change that can be changed back: the question says so. */
  public static ConfirmationTarget reversible(String description, String fingerprint) {
    return new ConfirmationTarget(description, fingerprint, Effect.REVERSIBLE);
  }
}
