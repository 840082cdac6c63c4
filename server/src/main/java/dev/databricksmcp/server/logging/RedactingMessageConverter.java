package dev.databricksmcp.server.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.databricksmcp.server.core.Redactor;

/** {@code %redactedMsg}: the log message with anything credential-like masked, for every logger. */
public final class RedactingMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return Redactor.redact(super.convert(event));
  }
}
