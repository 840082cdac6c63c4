package dev.databricksmcp.server.core;

/**
 * What a destructive call would act on, in words for the user and as a fingerprint of the object's
 * identity (e.g. its id and creation time). A confirmation is bound to the fingerprint, so an
 * object replaced between confirmation and execution is not touched.
 */
public record ConfirmationTarget(String description, String fingerprint) {}
