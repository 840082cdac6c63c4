package dev.databricksmcp.sandbox.jobs;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Notebook and file sources put here by path (tests); empty unless something registers one. */
public final class RegisteredNotebooks implements NotebookSource {
  private final Map<String, Source> sources = new ConcurrentHashMap<>();

  public RegisteredNotebooks put(String path, String language, String text) {
    sources.put(path, new Source(language, text));
    return this;
  }

  @Override
  public Optional<Source> find(String path) {
    return Optional.ofNullable(sources.get(path));
  }
}
