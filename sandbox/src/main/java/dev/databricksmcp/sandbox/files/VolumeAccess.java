package dev.databricksmcp.sandbox.files;

import com.databricks.sdk.service.catalog.Privilege;
import com.databricks.sdk.service.catalog.VolumeInfo;
import dev.databricksmcp.sandbox.auth.Principal;
import dev.databricksmcp.sandbox.http.ApiException;
import dev.databricksmcp.sandbox.http.ErrorCode;
import dev.databricksmcp.sandbox.state.SandboxState;
import dev.databricksmcp.sandbox.uc.Grants;
import dev.databricksmcp.sandbox.uc.Volumes;
import java.util.Optional;

/**
 * Who may reach a volume's files, as the Files API checks it: the volume must exist, and the caller
 * hold USE CATALOG, USE SCHEMA and the privilege (READ VOLUME or WRITE VOLUME, on the volume, its
 * schema or catalog, or by ownership). The one check every way into a volume takes (the Files API,
 * and SQL's {@code read_files}), so both answer alike.
 */
public final class VolumeAccess implements SandboxState {
  private final Volumes volumes;
  private final Grants grants;
  private final FileTree tree;

  public VolumeAccess(Volumes volumes, Grants grants, VolumeFiles files) {
    this.volumes = volumes;
    this.grants = grants;
    this.tree = files.tree();
  }

  public FileTree tree() {
    return tree;
  }

  /** Checks the privilege on the path's volume; its root directory always exists afterwards. */
  public void require(Principal principal, VolumePath p, Privilege privilege) {
    VolumeInfo volume = volumes.get(p.volume());
    if (volume == null) {
      throw new ApiException(ErrorCode.NOT_FOUND, "The volume " + p.volume() + " does not exist.");
    }
    grants.requireUseSchema(principal, volume.getCatalogName(), volume.getSchemaName());
    if (!grants.has(principal, p.volume(), privilege)) {
      throw ApiException.denied(
          "User does not have "
              + privilege.name().replace('_', ' ')
              + " on Volume '"
              + p.volume()
              + "'.");
    }
    tree.mkdirs(VolumeFiles.root(p.volume()), volume.getCreatedAt());
  }

  /** The file's bytes after a READ VOLUME check; NOT_FOUND for a directory or no file. */
  public byte[] read(Principal principal, VolumePath p) {
    require(principal, p, Privilege.READ_VOLUME);
    Optional<FileTree.Entry> e = tree.stat(p.path());
    if (e.isEmpty() || e.get().directory()) {
      throw new ApiException(ErrorCode.NOT_FOUND, "The file " + p.path() + " does not exist.");
    }
    return tree.read(p.path());
  }
}
