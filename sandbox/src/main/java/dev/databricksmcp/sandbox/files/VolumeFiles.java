package dev.databricksmcp.sandbox.files;

import com.fasterxml.jackson.databind.JsonNode;
import dev.databricksmcp.sandbox.state.PersistentState;
import dev.databricksmcp.sandbox.uc.DropCascade;

/**
 * The files of Unity Catalog volumes, under {@code /Volumes/<catalog>/<schema>/<volume>/} with the
 * three names in lower case (Unity Catalog matches them without regard to case; the rest of a path
 * keeps its case). Kept with {@code --sandbox-dir} ({@code DIR/state/volume-files.json}); a dropped
 * volume, schema or catalog takes its files with it, so a volume created again under the same name
 * starts empty.
 */
public final class VolumeFiles implements PersistentState, DropCascade.Dependent {
  /** One file: the sandbox's request-body limit ({@code ApiRequest.MAX_BODY_BYTES}). */
  public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

  /** Every volume's files together. */
  public static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;

  private final FileTree tree = new FileTree(MAX_FILE_BYTES, MAX_TOTAL_BYTES);

  public FileTree tree() {
    return tree;
  }

  /** The directory of a volume by its full name ({@code c.s.v}, lower case). */
  public static String root(String volumeFullName) {
    return "/Volumes/" + volumeFullName.replace('.', '/');
  }

  @Override
  public String persistenceName() {
    return "volume-files";
  }

  @Override
  public JsonNode save() {
    return tree.save();
  }

  @Override
  public void restore(JsonNode saved) {
    tree.restore(saved);
  }

  @Override
  public void dropped(String fullName) {
    tree.removeAtOrUnder(root(fullName));
  }
}
