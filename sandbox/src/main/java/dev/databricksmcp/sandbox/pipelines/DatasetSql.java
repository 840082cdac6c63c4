package dev.databricksmcp.sandbox.pipelines;

import dev.databricksmcp.sandbox.sql.TaskStatements;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the datasets of a SQL source file or SQL notebook cell: each statement (split where
 * Databricks' lexer splits them) is a {@code CREATE [OR REFRESH] [PRIVATE] MATERIALIZED VIEW |
 * STREAMING TABLE | LIVE TABLE name [(columns)] [COMMENT '…'] [PARTITIONED BY (…)] [CLUSTER BY (…)]
 * [TBLPROPERTIES (…)] AS query}, or a {@code SET key = value}, which is ignored. The column list
 * and table properties are not applied: the sandbox keeps the query's own columns.
 */
final class DatasetSql {
  /** A statement the sandbox cannot run as part of a pipeline. */
  static final class Unsupported extends Exception {
    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  private static final Pattern HEAD =
      Pattern.compile(
          "(?is)^CREATE\\s+(?:OR\\s+REFRESH\\s+)?(?:PRIVATE\\s+|TEMPORARY\\s+)?"
              + "(MATERIALIZED\\s+VIEW|STREAMING\\s+(?:LIVE\\s+)?TABLE|LIVE\\s+TABLE)\\s+"
              + "(?:IF\\s+NOT\\s+EXISTS\\s+)?([\\w`]+(?:\\.[\\w`]+){0,2})\\s*(.*)$");
  private static final Pattern COMMENT_CLAUSE =
      Pattern.compile("(?is)^COMMENT\\s+'((?:\\\\.|[^'\\\\])*)'\\s*(.*)$");
  private static final Pattern BRACKETED_CLAUSE =
      Pattern.compile("(?is)^(?:PARTITIONED\\s+BY|CLUSTER\\s+BY|TBLPROPERTIES)\\s*(\\(.*)$");
  private static final Pattern AS = Pattern.compile("(?is)^AS\\s+(.*)$");
  private static final Pattern STREAM_CALL =
      Pattern.compile("(?i)\\bSTREAM\\s*\\(\\s*([\\w`.]+)\\s*\\)");
  private static final Pattern STREAM_WORD =
      Pattern.compile("(?i)\\bSTREAM\\s+(?!\\()((?:LIVE\\.)?[\\w`]+(?:\\.[\\w`]+){0,2})");
  private static final Pattern LIVE = Pattern.compile("(?i)\\bLIVE\\.([\\w`]+)");
  private static final Pattern STRINGS =
      Pattern.compile("'(?:\\\\.|[^'\\\\])*'|\"(?:\\\\.|[^\"\\\\])*\"");
  private static final Pattern COMMENTS = Pattern.compile("--[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern FROM =
      Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+([\\w`]++(?:\\.[\\w`]++){0,2}+)(?!\\s*\\()");
  private static final Pattern CTE = Pattern.compile("(?i)(?:\\bWITH|,)\\s*([\\w`]+)\\s+AS\\s*\\(");
  private static final Pattern READ_FILES =
      Pattern.compile("(?i)\\b(read_files|cloud_files)\\s*\\(");

  private DatasetSql() {}

  /** The datasets a SQL text defines, in the order written. */
  static List<Dataset> parse(String sql, String source) throws Unsupported {
    List<Dataset> out = new ArrayList<>();
    for (String statement : TaskStatements.split(sql)) {
      String s = stripLeadingComments(statement);
      if (s.isEmpty() || s.regionMatches(true, 0, "SET ", 0, 4)) {
        continue;
      }
      out.add(dataset(s, source));
    }
    return out;
  }

  private static Dataset dataset(String statement, String source) throws Unsupported {
    Matcher head = HEAD.matcher(statement);
    if (!head.matches()) {
      throw new Unsupported(
          "Unsupported statement in "
              + source
              + ": the sandbox runs CREATE OR REFRESH MATERIALIZED VIEW and STREAMING TABLE"
              + " definitions only: "
              + abbreviate(statement));
    }
    Dataset.Kind kind =
        head.group(1).toUpperCase(Locale.ROOT).startsWith("STREAMING")
            ? Dataset.Kind.STREAMING_TABLE
            : Dataset.Kind.MATERIALIZED_VIEW;
    String name = unquote(head.group(2));
    String rest = skipBracketed(head.group(3).strip());
    String comment = null;
    while (true) {
      Matcher c = COMMENT_CLAUSE.matcher(rest);
      Matcher b = BRACKETED_CLAUSE.matcher(rest);
      if (c.matches()) {
        comment = c.group(1).replace("\\'", "'");
        rest = c.group(2);
      } else if (b.matches()) {
        rest = skipBracketed(b.group(1));
      } else {
        break;
      }
    }
    Matcher as = AS.matcher(rest);
    if (!as.matches()) {
      throw new Unsupported("The definition of " + name + " in " + source + " has no AS query.");
    }
    String query = plain(as.group(1));
    return new Dataset(name, kind, comment, query, reads(query), source);
  }

  /** The query with streaming reads and the LIVE schema read as plain table names. */
  private static String plain(String query) {
    String q = STREAM_CALL.matcher(query).replaceAll("$1");
    q = STREAM_WORD.matcher(q).replaceAll("$1");
    return LIVE.matcher(q).replaceAll("$1");
  }

  /** Whether the query reads files (read_files, cloud_files), which the sandbox cannot. */
  static boolean readsFiles(String query) {
    return READ_FILES
        .matcher(COMMENTS.matcher(STRINGS.matcher(query).replaceAll("''")).replaceAll(" "))
        .find();
  }

  private static List<String> reads(String query) {
    String bare = COMMENTS.matcher(STRINGS.matcher(query).replaceAll("''")).replaceAll(" ");
    Set<String> ctes = new LinkedHashSet<>();
    Matcher cte = CTE.matcher(bare);
    while (cte.find()) {
      ctes.add(unquote(cte.group(1)));
    }
    Set<String> out = new LinkedHashSet<>();
    Matcher from = FROM.matcher(bare);
    while (from.find()) {
      String name = unquote(from.group(1));
      if (!ctes.contains(name)) {
        out.add(name);
      }
    }
    return List.copyOf(out);
  }

  /** Skips one bracketed group at the start of {@code text}, if there is one. */
  private static String skipBracketed(String text) throws Unsupported {
    if (!text.startsWith("(")) {
      return text;
    }
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return text.substring(i + 1).strip();
      }
    }
    throw new Unsupported("Unbalanced brackets in a dataset definition.");
  }

  private static String stripLeadingComments(String statement) {
    String s = statement.strip();
    while (s.startsWith("--") || s.startsWith("/*")) {
      int end = s.startsWith("--") ? s.indexOf('\n') : s.indexOf("*/");
      if (end < 0) {
        return "";
      }
      s = s.substring(end + (s.startsWith("--") ? 1 : 2)).strip();
    }
    return s;
  }

  private static String unquote(String name) {
    return name.replace("`", "").toLowerCase(Locale.ROOT);
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 80 ? one : one.substring(0, 77) + "...";
  }
}
