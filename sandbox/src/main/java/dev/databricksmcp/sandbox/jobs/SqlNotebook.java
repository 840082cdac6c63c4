package dev.databricksmcp.sandbox.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A SQL notebook in Databricks' source format: a {@code -- Databricks notebook source} first line,
 * cells separated by {@code -- COMMAND ----------}, and cells in another language or markdown
 * written as {@code -- MAGIC} lines starting with a magic command ({@code %md}, {@code %python}).
 */
final class SqlNotebook {
  static final String HEADER = "-- Databricks notebook source";
  private static final String SEPARATOR = "-- COMMAND ----------";
  private static final String MAGIC = "-- MAGIC";

  /** One cell: its language (sql, md, python, …) and its text without the MAGIC prefixes. */
  record Cell(String language, String text) {}

  private SqlNotebook() {}

  static List<Cell> cells(String source) {
    String body = source.replace("\r\n", "\n");
    if (body.startsWith(HEADER)) {
      body = body.substring(HEADER.length());
    }
    List<Cell> cells = new ArrayList<>();
    for (String raw : body.split("\n" + SEPARATOR + "[^\n]*(\n|$)", -1)) {
      Cell cell = cell(raw.strip());
      if (cell != null) {
        cells.add(cell);
      }
    }
    return cells;
  }

  private static Cell cell(String raw) {
    if (raw.isEmpty()) {
      return null;
    }
    if (!raw.startsWith(MAGIC)) {
      return new Cell("sql", raw);
    }
    StringBuilder text = new StringBuilder();
    for (String line : raw.split("\n")) {
      String l = line.startsWith(MAGIC) ? line.substring(MAGIC.length()) : line;
      text.append(l.startsWith(" ") ? l.substring(1) : l).append('\n');
    }
    String t = text.toString().strip();
    if (!t.startsWith("%")) {
      return new Cell("sql", t);
    }
    int end = firstBlank(t);
    String magic = t.substring(1, end).toLowerCase(Locale.ROOT);
    return new Cell(magic, t.substring(end).strip());
  }

  private static int firstBlank(String t) {
    for (int i = 0; i < t.length(); i++) {
      if (Character.isWhitespace(t.charAt(i))) {
        return i;
      }
    }
    return t.length();
  }
}
