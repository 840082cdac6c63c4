package dev.databricksmcp.server.logging;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.databricksmcp.server.core.Redactor;

/**
 * {@code %compactEx}: an exception as its class and redacted message, cause by cause, on one line.
 * No stack frames: they are noise for users and can carry request details.
 */
public final class CompactThrowableConverter extends ThrowableHandlingConverter {
  private static final int MAX_CAUSES = 5;

  @Override
  public String convert(ILoggingEvent event) {
    IThrowableProxy t = event.getThrowableProxy();
    if (t == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
      out.append(depth == 0 ? " | " : " | caused by ")
          .append(t.getClassName())
          .append(": ")
          .append(Redactor.redact(String.valueOf(t.getMessage())));
    }
    return out.toString();
  }
}
