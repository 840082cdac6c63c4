package dev.databricksmcp.server.logging;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One log line: {@code HH:mm:ss.SSS LEVEL [cid] logger - message | exception}, with the message and
 * exception redacted by the same converters the XML pattern used. Written by hand so start-up does
 * not pay for logback's pattern parser and XML configuration.
 */
public final class StderrLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private final TargetLengthBasedClassNameAbbreviator abbreviator =
      new TargetLengthBasedClassNameAbbreviator(24);
  private final RedactingMessageConverter message = new RedactingMessageConverter();
  private final CompactThrowableConverter throwable = new CompactThrowableConverter();

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    String cid = event.getMDCPropertyMap().get("cid");
    String level = event.getLevel().toString();
    StringBuilder line =
        new StringBuilder(128)
            .append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp())))
            .append(' ')
            .append(level)
            .append(" ".repeat(Math.max(0, 5 - level.length())))
            .append(" [")
            .append(cid == null ? "main" : cid)
            .append("] ")
            .append(abbreviator.abbreviate(event.getLoggerName()))
            .append(" - ")
            .append(message.convert(event))
            .append(throwable.convert(event))
            .append('\n');
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
