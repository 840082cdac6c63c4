package dev.databricksmcp.sandbox.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where persistent state is kept: {@code DIR/state/<name>.json}, beside the DuckDB files but
 * outside {@code DIR/catalogs/}, the one directory DuckDB itself may still open (so no SQL reads
 * these files). Each is replaced in one move, so a stop never leaves half a document.
 */
final class StateDirectory {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path directory;

  StateDirectory(Path dataDir) {
    this.directory = dataDir.resolve("state");
  }

  Optional<JsonNode> read(String name) {
    Path file = file(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readTree(file.toFile()));
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the sandbox state "
              + file
              + " ("
              + e.getMessage()
              + "); move it away to start without it",
          e);
    }
  }

  void remove(String name) {
    try {
      Files.deleteIfExists(file(name));
    } catch (IOException e) {
      throw new IllegalStateException("cannot remove the sandbox state " + file(name), e);
    }
  }

  void write(String name, JsonNode content) {
    Path file = file(name);
    Path partial = directory.resolve(name + ".json.partial");
    try {
      Files.createDirectories(directory);
      MAPPER.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), content);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot write the sandbox state " + file + ": " + e.getMessage(), e);
    }
  }

  private Path file(String name) {
    return directory.resolve(name + ".json");
  }
}
