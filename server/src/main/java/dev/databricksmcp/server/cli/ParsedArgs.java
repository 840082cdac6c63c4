package dev.databricksmcp.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line, parsed: the command, the options given (each resolved to its declaration, so
 * two commands may both have a {@code --port}), and the positional arguments. Typed getters fall
 * back to the option's environment variable, then to its default; a bad value is a {@link
 * UsageProblem} naming where it came from.
 */
final class ParsedArgs {
  /** The command to run: the one named, else serve. */
  final Command command;

  /** Whether a command word was given (the help of {@code call --help} is call's own). */
  final boolean commandGiven;

  final boolean help;
  final boolean version;
  final List<String> positionals;
  private final Map<OptionSpec, List<String>> given;

  /** Every option given, in command-line order, with its value ("true" for a bare flag). */
  private final List<Map.Entry<OptionSpec, String>> sequence;

  private final Map<String, String> env;

  private ParsedArgs(
      Command command,
      boolean commandGiven,
      boolean help,
      boolean version,
      List<String> positionals,
      Map<OptionSpec, List<String>> given,
      List<Map.Entry<OptionSpec, String>> sequence,
      Map<String, String> env) {
    this.command = command;
    this.commandGiven = commandGiven;
    this.help = help;
    this.version = version;
    this.positionals = List.copyOf(positionals);
    this.given = given;
    this.sequence = List.copyOf(sequence);
    this.env = env;
  }

  /**
   * Options may come before or after the command word: the common ones anywhere, serve's before any
   * command word (serve is the default) and each command's own after its word. {@code --} ends the
   * options.
   */
  static ParsedArgs parse(String[] args, Map<String, String> env) {
    Command command = null;
    boolean help = false;
    boolean version = false;
    boolean optionsEnded = false;
    List<String> positionals = new ArrayList<>();
    Map<OptionSpec, List<String>> given = new IdentityHashMap<>();
    List<Map.Entry<OptionSpec, String>> sequence = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
        if (command == null && positionals.isEmpty() && !optionsEnded) {
          command = Command.named(arg);
          if (command == null) {
            throw new UsageProblem(
                "unknown command '"
                    + arg
                    + "'; the commands are "
                    + commandWords()
                    + " (see --help)");
          }
        } else {
          positionals.add(arg);
        }
        continue;
      }
      switch (arg) {
        case "--" -> optionsEnded = true;
        case "-h", "--help" -> help = true;
        case "-V", "--version" -> version = true;
        default -> {
          int eq = arg.indexOf('=');
          String name = eq < 0 ? arg : arg.substring(0, eq);
          OptionSpec spec = find(name, command);
          String value;
          if (eq >= 0) {
            value = arg.substring(eq + 1);
          } else if (spec.isFlag()) {
            value = "true";
          } else if (i + 1 < args.length && !isOption(args[i + 1], command)) {
            value = args[++i];
          } else {
            throw new UsageProblem(name + " needs a value (" + spec.label() + ")");
          }
          given.computeIfAbsent(spec, s -> new ArrayList<>()).add(value);
          sequence.add(Map.entry(spec, value));
        }
      }
    }
    Command chosen = command == null ? Command.SERVE : command;
    if (!positionals.isEmpty() && chosen.positionals == null && !help) {
      throw new UsageProblem(
          "unexpected argument '"
              + positionals.get(0)
              + "'"
              + (command == null ? "; the commands are " + commandWords() : ""));
    }
    return new ParsedArgs(
        chosen, command != null, help, version, positionals, given, sequence, env);
  }

  /**
   * The option a name means where it stands: common ones anywhere, then serve's or the command's
   * own.
   */
  private static OptionSpec find(String name, Command command) {
    OptionSpec spec = lookup(name, command);
    if (spec == null) {
      String where = command == null ? "" : " for '" + command.word + "'";
      throw new UsageProblem(
          "unknown option '"
              + name
              + "'"
              + where
              + " (see "
              + (command == null ? "" : command.word + " ")
              + "--help)");
    }
    return spec;
  }

  private static OptionSpec lookup(String name, Command command) {
    for (List<OptionSpec> scope :
        List.of(CommonOptions.SPECS, (command == null ? Command.SERVE : command).options)) {
      for (OptionSpec spec : scope) {
        if (spec.name().equals(name)) {
          return spec;
        }
      }
    }
    return null;
  }

  private static boolean isOption(String arg, Command command) {
    if (!arg.startsWith("--") || arg.length() == 2) {
      return false;
    }
    int eq = arg.indexOf('=');
    return lookup(eq < 0 ? arg : arg.substring(0, eq), command) != null
        || arg.equals("--help")
        || arg.equals("--version");
  }

  private static String commandWords() {
    List<String> words = new ArrayList<>();
    for (Command c : Command.values()) {
      words.add(c.word);
    }
    return String.join(", ", words);
  }

  /**
   * The options of {@code scope} given on the command line (never from the environment), in their
   * order, with their values: what {@code client-config} writes into a client's configuration.
   */
  List<Map.Entry<OptionSpec, String>> givenOf(List<OptionSpec> scope) {
    return sequence.stream().filter(e -> scope.contains(e.getKey())).toList();
  }

  /** The last value given, else the environment variable's, else the default (null if none). */
  String string(OptionSpec spec) {
    List<String> values = given.get(spec);
    if (values != null) {
      return values.get(values.size() - 1);
    }
    String fromEnv = spec.env() == null ? null : env.get(spec.env());
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : spec.defaultValue();
  }

  boolean flag(OptionSpec spec) {
    String value = string(spec).trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default ->
          throw new UsageProblem(source(spec) + " must be true or false (got '" + value + "')");
    };
  }

  int integer(OptionSpec spec) {
    String value = string(spec);
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageProblem(source(spec) + " must be a whole number (got '" + value + "')");
    }
  }

  Path path(OptionSpec spec) {
    String value = string(spec);
    return value == null ? null : Path.of(value);
  }

  /**
   * Every comma-separated item, from all occurrences on the command line, else from the variable.
   */
  List<String> list(OptionSpec spec) {
    List<String> values = given.get(spec);
    if (values == null) {
      String fromEnv = spec.env() == null ? null : env.get(spec.env());
      values = fromEnv == null ? List.of() : List.of(fromEnv);
    }
    List<String> items = new ArrayList<>();
    for (String value : values) {
      for (String item : value.split(",")) {
        if (!item.isBlank()) {
          items.add(item.trim());
        }
      }
    }
    return items;
  }

  /** Where a value came from, for an error message: the option, or its variable. */
  private String source(OptionSpec spec) {
    return given.containsKey(spec) || spec.env() == null || env.get(spec.env()) == null
        ? spec.name()
        : spec.env();
  }
}
