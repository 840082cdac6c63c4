package dev.databricksmcp.server.cli;

/**
 * One command-line option, declared as data: the parser, the typed getters of {@link ParsedArgs}
 * and the help text all read the same declaration.
 *
 * @param name the long name, e.g. {@code --port}
 * @param label the value's placeholder in the help (null for a flag)
 * @param env the environment variable that sets it when the command line does not (may be null)
 * @param defaultValue used when neither does (may be null: no value)
 * @param list a comma-separated value that may also be given several times
 */
record OptionSpec(
    String name, String label, String env, String defaultValue, boolean list, String description) {
  OptionSpec {
    if (!name.startsWith("--")) {
      throw new IllegalArgumentException("option names start with --: " + name);
    }
  }

  /** An on/off switch: {@code --name}, {@code --name=false}, or its variable set to true/false. */
  static OptionSpec flag(String name, String env, String description) {
    return new OptionSpec(name, null, env, "false", false, description);
  }

  static OptionSpec value(
      String name, String label, String env, String defaultValue, String description) {
    return new OptionSpec(name, label, env, defaultValue, false, description);
  }

  static OptionSpec list(String name, String label, String env, String description) {
    return new OptionSpec(name, label, env, null, true, description);
  }

  boolean isFlag() {
    return label == null;
  }
}
