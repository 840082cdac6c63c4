package dev.databricksmcp.sandbox.workspace;

import com.databricks.sdk.service.workspace.Language;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.databricksmcp.sandbox.http.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A notebook's two text forms. SOURCE is the language's own file: a first line {@code <comment>
 * Databricks notebook source}, commands separated by {@code <comment> COMMAND ----------}, and
 * commands in another language (markdown, {@code %sql} in a Python notebook) written as {@code
 * <comment> MAGIC} lines. JUPYTER is an nbformat 4 .ipynb document whose cells are those commands,
 * markdown commands as markdown cells.
 */
public final class NotebookFormats {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final String HEADER = " Databricks notebook source";
  private static final String SEPARATOR = " COMMAND ----------";
  private static final String MAGIC = " MAGIC ";

  private NotebookFormats() {}

  /** The line-comment marker of a notebook language. */
  static String comment(Language language) {
    return switch (language) {
      case SQL -> "--";
      case SCALA -> "//";
      case PYTHON, R -> "#";
    };
  }

  /** The file extension of a language's SOURCE export ({@code file_type}). */
  public static String extension(Language language) {
    return switch (language) {
      case PYTHON -> "py";
      case SQL -> "sql";
      case SCALA -> "scala";
      case R -> "r";
    };
  }

  /** The language a file name's extension stands for, if any. */
  public static Optional<Language> languageOfExtension(String name) {
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    return switch (name.substring(dot + 1).toLowerCase(Locale.ROOT)) {
      case "py" -> Optional.of(Language.PYTHON);
      case "sql" -> Optional.of(Language.SQL);
      case "scala" -> Optional.of(Language.SCALA);
      case "r" -> Optional.of(Language.R);
      default -> Optional.empty();
    };
  }

  /** The language whose SOURCE header {@code text} starts with, if any. */
  public static Optional<Language> languageOfHeader(String text) {
    String first = text.lines().findFirst().orElse("").strip();
    for (Language l : Language.values()) {
      if (first.equals(comment(l) + HEADER)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /** SOURCE text of these commands. */
  public static String source(Language language, List<String> cells) {
    String c = comment(language);
    StringBuilder out = new StringBuilder(c).append(HEADER).append('\n');
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append("\n\n").append(c).append(SEPARATOR).append("\n\n");
      }
      out.append(cells.get(i).strip());
    }
    return out.append('\n').toString();
  }

  /**
   * The commands of SOURCE text, header and separators removed; text without the header is one
   * command (Databricks imports plain source that way).
   */
  public static List<String> cells(String text, Language language) {
    String c = comment(language);
    List<String> lines = new ArrayList<>(text.lines().toList());
    if (!lines.isEmpty() && lines.get(0).strip().equals(c + HEADER)) {
      lines.remove(0);
    }
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (String line : lines) {
      if (line.strip().equals(c + SEPARATOR)) {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(line).append('\n');
      }
    }
    cells.add(cell.toString().strip());
    return cells;
  }

  /** Stored SOURCE text: what was imported, with the header added when it had none. */
  static String asSource(String text, Language language) {
    return source(language, cells(text, language));
  }

  /** A minimal valid nbformat 4 document of a SOURCE notebook. */
  static String toJupyter(String sourceText, Language language, String name) {
    String magic = comment(language) + MAGIC;
    String bareMagic = comment(language) + " MAGIC";
    ObjectNode nb = PLAIN.createObjectNode();
    ArrayNode cells = nb.putArray("cells");
    for (String command : cells(sourceText, language)) {
      List<String> lines = new ArrayList<>();
      boolean allMagic = !command.isEmpty();
      for (String line : command.lines().toList()) {
        if (line.startsWith(magic)) {
          lines.add(line.substring(magic.length()));
        } else if (line.equals(bareMagic)) {
          lines.add("");
        } else {
          allMagic = false;
          lines.add(line);
        }
      }
      if (!allMagic) {
        lines = command.lines().toList();
      }
      boolean markdown = allMagic && !lines.isEmpty() && lines.get(0).startsWith("%md");
      if (markdown) {
        lines = new ArrayList<>(lines);
        String first = lines.get(0).substring(3).strip();
        if (first.isEmpty()) {
          lines.remove(0);
        } else {
          lines.set(0, first);
        }
      }
      ObjectNode cell = cells.addObject();
      cell.put("cell_type", markdown ? "markdown" : "code");
      if (!markdown) {
        cell.putNull("execution_count");
      }
      cell.putObject("metadata");
      if (!markdown) {
        cell.putArray("outputs");
      }
      ArrayNode source = cell.putArray("source");
      for (int i = 0; i < lines.size(); i++) {
        source.add(lines.get(i) + (i < lines.size() - 1 ? "\n" : ""));
      }
    }
    ObjectNode meta = nb.putObject("metadata");
    ObjectNode databricks = meta.putObject("application/vnd.databricks.v1+notebook");
    databricks.put("language", language.name().toLowerCase(Locale.ROOT));
    databricks.put("notebookName", name);
    meta.putObject("language_info").put("name", language.name().toLowerCase(Locale.ROOT));
    nb.put("nbformat", 4);
    nb.put("nbformat_minor", 0);
    return nb.toPrettyString();
  }

  /** A notebook read from an .ipynb document: its language and SOURCE text. */
  record Imported(Language language, String source) {}

  /**
   * Reads an nbformat 4 document: the language from Databricks' metadata, else {@code
   * language_info}, else {@code kernelspec}, else PYTHON; code cells as commands, markdown cells as
   * {@code %md} commands.
   */
  static Imported fromJupyter(byte[] content) {
    JsonNode nb;
    try {
      nb = PLAIN.readTree(content);
    } catch (IOException e) {
      throw ApiException.invalid("The content is not a valid Jupyter notebook (.ipynb) document.");
    }
    if (nb == null || !nb.isObject() || !nb.path("cells").isArray()) {
      throw ApiException.invalid("The content is not a valid Jupyter notebook: it has no cells.");
    }
    Language language = languageOf(nb.path("metadata"));
    String magic = comment(language) + MAGIC;
    List<String> commands = new ArrayList<>();
    for (JsonNode cell : nb.get("cells")) {
      String text = joined(cell.path("source"));
      if ("markdown".equals(cell.path("cell_type").asText())) {
        StringBuilder md = new StringBuilder(magic).append("%md");
        for (String line : text.lines().toList()) {
          md.append('\n').append(magic).append(line);
        }
        commands.add(md.toString());
      } else if (text.startsWith("%")) {
        StringBuilder other = new StringBuilder();
        for (String line : text.lines().toList()) {
          other.append(magic).append(line).append('\n');
        }
        commands.add(other.toString());
      } else {
        commands.add(text);
      }
    }
    return new Imported(language, source(language, commands));
  }

  private static Language languageOf(JsonNode metadata) {
    for (JsonNode name :
        List.of(
            metadata.path("application/vnd.databricks.v1+notebook").path("language"),
            metadata.path("language_info").path("name"),
            metadata.path("kernelspec").path("language"))) {
      if (name.isTextual()) {
        try {
          return Language.valueOf(name.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          // not a notebook language Databricks has: try the next hint
        }
      }
    }
    return Language.PYTHON;
  }

  private static String joined(JsonNode source) {
    if (source.isTextual()) {
      return source.asText();
    }
    StringBuilder out = new StringBuilder();
    source.forEach(line -> out.append(line.asText()));
    return out.toString();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
