package dev.databricksmcp.server.tracing;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the CLI (args as given; stdio reads this process's stdin) in a class loader of its own that
 * records every class it defines, then prints how many came from OpenTelemetry on its last stderr
 * line: {@code loaded io.opentelemetry classes: N}. The JVM's own class loading is not watched,
 * only what the server's code asked for.
 */
public final class LoadedClassesProbe {
  static final String REPORT = "loaded io.opentelemetry classes: ";

  public static void main(String[] args) throws Exception {
    Recording loader = new Recording(classPath());
    Thread.currentThread().setContextClassLoader(loader);
    Class<?> main = loader.loadClass("dev.databricksmcp.server.cli.Main");
    Method run =
        main.getMethod("run", String[].class, PrintStream.class, PrintStream.class, Map.class);
    PrintStream err = System.err;
    int code = (int) run.invoke(null, args, System.out, err, System.getenv());
    List<String> otel = new ArrayList<>();
    for (String name : loader.defined) {
      if (name.startsWith("io.opentelemetry.")) {
        otel.add(name);
      }
    }
    err.println("exit " + code + "; first: " + otel.stream().sorted().limit(3).toList());
    err.println(REPORT + otel.size());
    err.flush();
    System.exit(0);
  }

  private static URL[] classPath() {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      try {
        urls.add(Path.of(entry).toUri().toURL());
      } catch (MalformedURLException e) {
        throw new UncheckedIOException(e);
      }
    }
    return urls.toArray(URL[]::new);
  }

  /** Child first: every class of the class path is defined here, and named in {@link #defined}. */
  private static final class Recording extends URLClassLoader {
    final Set<String> defined = ConcurrentHashMap.newKeySet();

    Recording(URL[] urls) {
      super("recording", urls, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
            defined.add(name);
          } catch (ClassNotFoundException e) {
            c = getParent().loadClass(name);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      try {
        URL url = findResource(name);
        return url != null ? url.openStream() : super.getResourceAsStream(name);
      } catch (IOException e) {
        return null;
      }
    }
  }
}
