package dev.databricksmcp.sandbox.files;

import java.util.Optional;

/**
 * One HTTP byte range (RFC 9110 section 14.1.2) of a file of known size: {@code bytes=a-b}, {@code
 * bytes=a-} or the last n bytes {@code bytes=-n}, the end cut to the file's end. Several ranges in
 * one header are not served: the whole file is sent instead, which RFC 9110 allows.
 */
public record ByteRange(long first, long last) {
  /** Thrown when the header is well formed but no byte of the file falls in it (416). */
  public static final class Unsatisfiable extends RuntimeException {
    Unsatisfiable() {
      super("Requested range not satisfiable", null, false, false);
    }
  }

  public long length() {
    return last - first + 1;
  }

  /** The range asked for, or empty for no header, another unit, several ranges or bad syntax. */
  public static Optional<ByteRange> parse(Optional<String> header, long size) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String h = header.get().trim();
    if (!h.startsWith("bytes=") || h.contains(",")) {
      return Optional.empty();
    }
    String spec = h.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      if (a.isEmpty()) {
        long suffix = Long.parseLong(b);
        if (suffix <= 0 || size == 0) {
          throw new Unsatisfiable();
        }
        return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
      }
      long first = Long.parseLong(a);
      long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
      if (first < 0 || (!b.isEmpty() && Long.parseLong(b) < first)) {
        return Optional.empty();
      }
      if (first >= size) {
        throw new Unsatisfiable();
      }
      return Optional.of(new ByteRange(first, last));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
