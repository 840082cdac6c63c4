package dev.databricksmcp.server.tools.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import org.apache.spark.sql.catalyst.parser.SqlBaseParser;
import org.apache.spark.sql.catalyst.parser.UpperCaseCharStream;
import org.apache.spark.sql.catalyst.util.SparkParserUtils$;

/**
 * Apache Spark's own SQL parser (the generated SqlBaseLexer and SqlBaseParser of spark-sql-api
 * 4.2.0, the grammar Databricks SQL extends) as an oracle for the read-only classifier.
 *
 * <p>The input is split where Spark's lexer finds ';' tokens (statements a script would run one by
 * one), and each piece is parsed as Spark parses a statement (upper-casing char stream, SLL then
 * LL, bailing on the first error, an unclosed comment an error). A parsed piece is a <em>read</em>
 * when its statement is a query, SHOW …, DESCRIBE …, or EXPLAIN of a read, and its query holds no
 * script TRANSFORM and no INTO; anything else — DML (with or without a CTE), DDL, SET, USE, EXECUTE
 * IMMEDIATE, a BEGIN … END block — is a <em>write</em>. Independently, every function name in the
 * tree (calls and table-valued functions, including IDENTIFIER(…) forms) is resolved as Spark
 * resolves it — backticks and identifier literals undone, Spark's own unescaping, lower-cased — and
 * matched against the function policy; a name given by anything but string literals is an
 * unresolved hit.
 */
final class SparkOracle {
  /** One statement as Spark sees it. */
  record Piece(
      String sql, boolean parsed, boolean write, String statement, List<FunctionPolicy.Hit> hits) {}

  /**
   * The whole input.
   *
   * @param lexed false when Spark's lexer itself rejects the input (an unrecognized character, an
   *     unclosed comment or $tag$ body): then Spark runs nothing
   */
  record Verdict(boolean lexed, List<Piece> pieces) {
    boolean anyWrite() {
      return pieces.stream().anyMatch(p -> p.parsed() && p.write());
    }

    boolean anyHit() {
      return pieces.stream().anyMatch(p -> p.parsed() && !p.hits().isEmpty());
    }

    boolean anyStrictHit() {
      return pieces.stream()
          .anyMatch(
              p ->
                  p.parsed()
                      && p.hits().stream().anyMatch(h -> h.category().refusedUnlessAllowed()));
    }

    boolean anyParsed() {
      return pieces.stream().anyMatch(Piece::parsed);
    }

    /** Every piece parses and is a plain read: Spark would run it all, and only read. */
    boolean allParsedReads() {
      return lexed
          && !pieces.isEmpty()
          && pieces.stream().allMatch(p -> p.parsed() && !p.write() && p.hits().isEmpty());
    }
  }

  private static final int MAX_NESTING = 3;
  private final boolean doubleQuotedIdentifiers;
  private final FunctionPolicy policy = FunctionPolicy.builtIn();

  /**
   * @param doubleQuotedIdentifiers Spark's ANSI setting that reads "x" as an identifier, not a
   *     string
   */
  SparkOracle(boolean doubleQuotedIdentifiers) {
    this.doubleQuotedIdentifiers = doubleQuotedIdentifiers;
  }

  static SqlBaseLexer lexer(String sql) {
    SqlBaseLexer lexer = new SqlBaseLexer(new UpperCaseCharStream(CharStreams.fromString(sql)));
    lexer.removeErrorListeners();
    return lexer;
  }

  /** Spark's tokens, or null when its lexer rejects the input. */
  static List<Token> tokens(String sql) {
    SqlBaseLexer lexer = lexer(sql);
    List<Token> tokens = new ArrayList<>();
    for (Token t : lexer.getAllTokens()) {
      if (t.getType() == SqlBaseLexer.UNRECOGNIZED) {
        return null;
      }
      tokens.add(t);
    }
    boolean openBody = lexer._mode != SqlBaseLexer.DEFAULT_MODE;
    return lexer.has_unclosed_bracketed_comment || openBody ? null : tokens;
  }

  Verdict analyze(String sql) {
    return analyze(sql, 0);
  }

  private Verdict analyze(String sql, int nesting) {
    List<Token> tokens = tokens(sql);
    if (tokens == null) {
      return new Verdict(false, List.of());
    }
    List<Piece> pieces = new ArrayList<>();
    int from = 0;
    boolean code = false;
    for (Token t : tokens) {
      if (t.getType() == SqlBaseLexer.SEMICOLON) {
        if (code) {
          pieces.add(piece(slice(sql, from, t.getStartIndex()), nesting));
        }
        from = t.getStopIndex() + 1;
        code = false;
      } else if (t.getChannel() == Token.DEFAULT_CHANNEL) {
        code = true;
      }
    }
    if (code) {
      pieces.add(piece(slice(sql, from, sql.codePointCount(0, sql.length())), nesting));
    }
    return new Verdict(true, pieces);
  }

  /** Spark indexes code points; Java strings, UTF-16 units. */
  private static String slice(String sql, int fromCodePoint, int toCodePoint) {
    return sql.substring(
        sql.offsetByCodePoints(0, fromCodePoint), sql.offsetByCodePoints(0, toCodePoint));
  }

  private Piece piece(String sql, int nesting) {
    ParserRuleContext tree = parse(sql, p -> p.compoundOrSingleStatement());
    if (tree == null) {
      return new Piece(sql, false, false, null, List.of());
    }
    ParseTree statement = tree.getChild(0);
    if (statement instanceof SqlBaseParser.SingleStatementContext single) {
      statement = single.getChild(0);
    }
    List<FunctionPolicy.Hit> hits = new ArrayList<>();
    collectHits(tree, hits, nesting);
    return new Piece(sql, true, !isRead(statement), label(statement), hits);
  }

  private interface Rule {
    ParserRuleContext parse(SqlBaseParser parser);
  }

  private ParserRuleContext parse(String sql, Rule rule) {
    SqlBaseLexer lexer = lexer(sql);
    CommonTokenStream stream = new CommonTokenStream(lexer);
    SqlBaseParser parser = new SqlBaseParser(stream);
    parser.removeErrorListeners();
    parser.setErrorHandler(new BailErrorStrategy());
    parser.double_quoted_identifiers = doubleQuotedIdentifiers;
    parser.parameter_substitution_enabled = true;
    parser.single_character_pipe_operator_enabled = true;
    ParserRuleContext tree;
    try {
      parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
      tree = rule.parse(parser);
    } catch (ParseCancellationException e) {
      stream.seek(0);
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      try {
        tree = rule.parse(parser);
      } catch (ParseCancellationException | RecognitionException again) {
        return null;
      }
    }
    return lexer.has_unclosed_bracketed_comment ? null : tree;
  }

  private static String label(ParseTree statement) {
    return statement.getClass().getSimpleName().replace("Context", "");
  }

  private static boolean isRead(ParseTree statement) {
    if (statement instanceof SqlBaseParser.ExplainContext explain) {
      return explain.statement() != null && isRead(explain.statement());
    }
    String label = label(statement);
    if (label.equals("StatementDefault")) {
      return !has(statement, SqlBaseParser.TransformClauseContext.class)
          && !hasToken(statement, SqlBaseParser.INTO);
    }
    if (label.equals("FailNativeCommand")) {
      // Hive commands Spark refuses to run; Databricks runs SHOW GRANTS and the like as reads
      return hasToken(statement.getChild(0), SqlBaseParser.SHOW);
    }
    return label.startsWith("Show") || label.startsWith("Describe");
  }

  private static boolean has(ParseTree tree, Class<?> type) {
    if (type.isInstance(tree)) {
      return true;
    }
    for (int i = 0; i < tree.getChildCount(); i++) {
      if (has(tree.getChild(i), type)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasToken(ParseTree tree, int type) {
    if (tree instanceof TerminalNode t) {
      return t.getSymbol().getType() == type;
    }
    for (int i = 0; i < tree.getChildCount(); i++) {
      if (hasToken(tree.getChild(i), type)) {
        return true;
      }
    }
    return false;
  }

  private void collectHits(ParseTree tree, List<FunctionPolicy.Hit> hits, int nesting) {
    if (tree instanceof SqlBaseParser.FunctionNameContext name) {
      FunctionPolicy.Hit hit = resolve(name);
      if (hit != null) {
        hits.add(hit);
      }
    }
    if (tree instanceof SqlBaseParser.ExecuteImmediateContext execute) {
      hits.addAll(dynamicSql(execute, nesting));
    }
    for (int i = 0; i < tree.getChildCount(); i++) {
      collectHits(tree.getChild(i), hits, nesting);
    }
  }

  private FunctionPolicy.Hit resolve(SqlBaseParser.FunctionNameContext name) {
    String last;
    if (name.IDENTIFIER_KW() != null && name.expression() != null) {
      String value = stringValue(name.expression());
      last = value == null ? null : lastPart(value);
    } else if (name.qualifiedName() != null) {
      List<SqlBaseParser.IdentifierContext> parts = name.qualifiedName().identifier();
      last = identifier(parts.get(parts.size() - 1));
    } else {
      last = name.getText();
    }
    if (last == null) {
      return FunctionPolicy.unresolved("IDENTIFIER(<expression>)");
    }
    String lower = last.toLowerCase(Locale.ROOT);
    for (FunctionPolicy.Rule rule : policy.rules()) {
      if (rule.matches(lower)) {
        return new FunctionPolicy.Hit(lower, rule.category(), rule.why());
      }
    }
    return null;
  }

  /** An identifier's name as Spark takes it; null when it cannot be known before run time. */
  private String identifier(SqlBaseParser.IdentifierContext id) {
    SqlBaseParser.StrictIdentifierContext strict = id.strictIdentifier();
    if (strict instanceof SqlBaseParser.IdentifierLiteralContext literal) {
      return lastPart(
          SparkParserUtils$.MODULE$.string(terminals(literal.stringLit()).toArray(new Token[0])));
    }
    List<Token> tokens = terminals(id);
    Token only = tokens.get(0);
    String text = only.getText();
    if (only.getType() == SqlBaseLexer.BACKQUOTED_IDENTIFIER) {
      return text.substring(1, text.length() - 1).replace("``", "`");
    }
    if (only.getType() == SqlBaseLexer.DOUBLEQUOTED_STRING) {
      return text.substring(1, text.length() - 1).replace("\"\"", "\"");
    }
    return text;
  }

  /**
   * The value of an expression made of string literals only (adjacent ones concatenate), else null.
   */
  private static String stringValue(ParseTree expression) {
    List<Token> tokens = terminals(expression);
    for (Token t : tokens) {
      if (t.getType() != SqlBaseLexer.STRING_LITERAL
          && t.getType() != SqlBaseLexer.DOUBLEQUOTED_STRING) {
        return null;
      }
    }
    return SparkParserUtils$.MODULE$.string(tokens.toArray(new Token[0]));
  }

  /**
   * The last part of a multi-part name given as a string, parsed as Spark parses one; null if none.
   */
  private String lastPart(String name) {
    ParserRuleContext tree = parse(name, p -> p.singleMultipartIdentifier());
    if (tree == null) {
      return null;
    }
    SqlBaseParser.MultipartIdentifierContext parts =
        ((SqlBaseParser.SingleMultipartIdentifierContext) tree).multipartIdentifier();
    List<SqlBaseParser.ErrorCapturingIdentifierContext> list = parts.errorCapturingIdentifier();
    return identifier(list.get(list.size() - 1).identifier());
  }

  private List<FunctionPolicy.Hit> dynamicSql(
      SqlBaseParser.ExecuteImmediateContext execute, int nesting) {
    String sql = execute.queryParam == null ? null : stringValue(execute.queryParam);
    if (sql == null || nesting >= MAX_NESTING) {
      return List.of(FunctionPolicy.unresolved("EXECUTE IMMEDIATE <expression>"));
    }
    List<FunctionPolicy.Hit> hits = new ArrayList<>();
    for (Piece p : analyze(sql, nesting + 1).pieces()) {
      hits.addAll(p.hits());
    }
    return hits;
  }

  private static List<Token> terminals(ParseTree tree) {
    List<Token> out = new ArrayList<>();
    collectTerminals(tree, out);
    return out;
  }

  private static void collectTerminals(ParseTree tree, List<Token> out) {
    if (tree instanceof TerminalNode t) {
      out.add(t.getSymbol());
      return;
    }
    for (int i = 0; i < tree.getChildCount(); i++) {
      collectTerminals(tree.getChild(i), out);
    }
  }
}
