package dev.databricksmcp.server.testing;

import java.util.concurrent.TimeUnit;

/** Whether this machine has a python3 (tests of the sandbox's Python opt-in skip without one). */
public final class Python3 {
  private Python3() {}

  public static boolean available() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
