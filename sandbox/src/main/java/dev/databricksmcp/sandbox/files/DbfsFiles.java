package dev.databricksmcp.sandbox.files;

import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.state.PersistentState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * DBFS: one file tree for the workspace, seeded with {@code /databricks-datasets/README.md}, and
 * the open streams of {@code dbfs/create}. A stream's blocks are held apart and become the file in
 * one step at {@code close}, so an upload that fails half-way leaves no partial file. Streams idle
 * for 10 minutes are dropped (the documented idle timeout of a handle); they are not kept across a
 * restart. Files are kept with {@code --sandbox-dir} ({@code DIR/state/dbfs.json}).
 */
public final class DbfsFiles implements PersistentState {
  public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
  public static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;
  private static final int MAX_OPEN_STREAMS = 16;
  private static final long IDLE_MILLIS = 10 * 60 * 1000L;

  static final String README =
      "# databricks-datasets (sandbox)\n\n"
          + "A stand-in for the sample datasets folder of a Databricks workspace. The sandbox keeps"
          + " only this file here;\nthe sample tables are in the `samples` catalog"
          + " (samples.tpch, samples.nyctaxi).\n";

  /** An open stream: where it goes, whether it may replace a file, what was added so far. */
  private static final class Stream {
    final String path;
    final boolean overwrite;
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    long lastUsed;

    Stream(String path, boolean overwrite, long now) {
      this.path = path;
      this.overwrite = overwrite;
      this.lastUsed = now;
    }
  }

  private final FileTree tree = new FileTree(MAX_FILE_BYTES, MAX_TOTAL_BYTES);
  private final Map<Long, Stream> streams = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();

  public DbfsFiles() {
    tree.write(
        "/databricks-datasets/README.md",
        README.getBytes(StandardCharsets.UTF_8),
        true,
        System.currentTimeMillis());
  }

  public FileTree tree() {
    return tree;
  }

  /** Opens a stream to a file; a file already there is refused unless {@code overwrite}. */
  public synchronized long open(String path, boolean overwrite, long now) {
    dropIdle(now);
    Optional<FileTree.Entry> existing = tree.stat(path);
    if (existing.isPresent() && (!overwrite || existing.get().directory())) {
      throw new FileTree.Refused(
          FileTree.Problem.ALREADY_EXISTS, "A file or directory already exists at " + path + ".");
    }
    if (streams.size() >= MAX_OPEN_STREAMS) {
      throw new FileTree.Refused(
          FileTree.Problem.FULL,
          "The sandbox holds at most " + MAX_OPEN_STREAMS + " open streams: close one first.");
    }
    long handle;
    do {
      handle = random.nextLong() & Long.MAX_VALUE;
    } while (handle == 0 || streams.containsKey(handle));
    streams.put(handle, new Stream(path, overwrite, now));
    return handle;
  }

  /** Appends a block to an open stream. */
  public synchronized void append(long handle, byte[] block, long now) {
    Stream s = stream(handle, now);
    if (s.data.size() + (long) block.length > MAX_FILE_BYTES) {
      streams.remove(handle);
      throw new FileTree.Refused(
          FileTree.Problem.TOO_LARGE,
          "The file is larger than the sandbox keeps ("
              + MAX_FILE_BYTES
              + " bytes at most); the stream is closed without a file.");
    }
    s.data.writeBytes(block);
    s.lastUsed = now;
  }

  /** Closes a stream: its bytes become the file, all at once. */
  public synchronized void close(long handle, long now) {
    Stream s = stream(handle, now);
    streams.remove(handle);
    tree.write(s.path, s.data.toByteArray(), s.overwrite, now);
  }

  private Stream stream(long handle, long now) {
    dropIdle(now);
    Stream s = streams.get(handle);
    if (s == null) {
      throw new FileTree.Refused(
          FileTree.Problem.NOT_FOUND, "No open stream has the handle " + handle + ".");
    }
    return s;
  }

  private void dropIdle(long now) {
    streams.values().removeIf(s -> now - s.lastUsed > IDLE_MILLIS);
  }

  @Override
  public String persistenceName() {
    return "dbfs";
  }

  @Override
  public JsonNode save() {
    return tree.save();
  }

  @Override
  public void restore(JsonNode saved) {
    tree.restore(saved);
  }
}
