package dev.databricksmcp.sandbox.workspace;

import com.databricks.sdk.service.workspace.Language;
import com.databricks.sdk.service.workspace.ObjectType;

/**
 * One object of the sandbox's workspace tree, as other areas read it through {@link
 * WorkspaceTree#find(String)} (a job's notebook task, a pipeline's source file).
 *
 * @param path canonical absolute path, e.g. {@code /Shared/Sample SQL notebook}
 * @param type NOTEBOOK, DIRECTORY or FILE
 * @param language a notebook's language; null for directories and files
 * @param objectId the API's object_id
 * @param content a notebook's SOURCE text (with its {@code Databricks notebook source} header) in
 *     UTF-8, a file's bytes; empty for a directory
 * @param createdAt creation time, epoch milliseconds
 * @param modifiedAt last change, epoch milliseconds
 */
public record WorkspaceObject(
    String path,
    ObjectType type,
    Language language,
    long objectId,
    byte[] content,
    long createdAt,
    long modifiedAt) {
  public WorkspaceObject {
    content = content == null ? new byte[0] : content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** A notebook's commands (cells) in its own language, the separators and header removed. */
  public java.util.List<String> notebookCells() {
    if (type != ObjectType.NOTEBOOK) {
      throw new IllegalStateException(path + " is not a notebook");
    }
    return NotebookFormats.cells(
        new String(content, java.nio.charset.StandardCharsets.UTF_8), language);
  }

  boolean isDirectory() {
    return type == ObjectType.DIRECTORY;
  }
}
