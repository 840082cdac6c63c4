package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.error.platform.Aborted;
import com.databricks.sdk.core.error.platform.BadRequest;
import com.databricks.sdk.core.error.platform.DeadlineExceeded;
import com.databricks.sdk.core.error.platform.InternalError;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.RequestLimitExceeded;
import com.databricks.sdk.core.error.platform.ResourceAlreadyExists;
import com.databricks.sdk.core.error.platform.ResourceConflict;
import com.databricks.sdk.core.error.platform.ResourceDoesNotExist;
import com.databricks.sdk.core.error.platform.TemporarilyUnavailable;
import com.databricks.sdk.core.error.platform.TooManyRequests;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import com.databricks.sdk.core.error.details.ErrorDetails;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Databricks SDK error class lands on its code; nothing secret survives the mapping. */
class ErrorMapperTest {
  static Stream<Arguments> sdkErrors() {
    return Stream.of(
        Arguments.of(new Unauthenticated("bad token", ErrorDetails.builder().build()), ErrorCode.AUTHENTICATION_ERROR),
        Arguments.of(new PermissionDenied("no USE CATALOG", ErrorDetails.builder().build()), ErrorCode.PERMISSION_DENIED),
        Arguments.of(new NotFound("gone", ErrorDetails.builder().build()), ErrorCode.NOT_FOUND),
        Arguments.of(new ResourceDoesNotExist("no such table", ErrorDetails.builder().build()), ErrorCode.NOT_FOUND),
        Arguments.of(new ResourceAlreadyExists("exists", ErrorDetails.builder().build()), ErrorCode.ALREADY_EXISTS),
        Arguments.of(new ResourceConflict("conflict", ErrorDetails.builder().build()), ErrorCode.CONFLICT),
        Arguments.of(new Aborted("aborted", ErrorDetails.builder().build()), ErrorCode.CONFLICT),
        Arguments.of(new TooManyRequests("slow down", ErrorDetails.builder().build()), ErrorCode.RATE_LIMITED),
        Arguments.of(new RequestLimitExceeded("quota", ErrorDetails.builder().build()), ErrorCode.RATE_LIMITED),
        Arguments.of(new TemporarilyUnavailable("down", ErrorDetails.builder().build()), ErrorCode.UNAVAILABLE),
        Arguments.of(new DeadlineExceeded("late", ErrorDetails.builder().build()), ErrorCode.TIMEOUT),
        Arguments.of(new BadRequest("bad", ErrorDetails.builder().build()), ErrorCode.VALIDATION_ERROR),
        Arguments.of(new InvalidParameterValue("invalid", ErrorDetails.builder().build()), ErrorCode.VALIDATION_ERROR),
        Arguments.of(new InternalError("boom", ErrorDetails.builder().build()), ErrorCode.INTERNAL_ERROR));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("sdkErrors")
  void sdkErrorClassesMapToTheirCodes(DatabricksError error, ErrorCode expected) {
    ErrorMapper.MappedError mapped = ErrorMapper.map(error);
    assertThat(mapped.code()).isEqualTo(expected);
  }

  @Test
  void anErrorWrappedAfterRetriesIsStillRecognised() {
    DatabricksException afterRetries =
        new DatabricksException("Request GET /api/2.1/x failed after 4 retries", new TemporarilyUnavailable("busy", ErrorDetails.builder().build()));
    assertThat(ErrorMapper.map(afterRetries).code()).isEqualTo(ErrorCode.UNAVAILABLE);
  }

  @Test
  void rateLimitedSaysWhenToRetry() {
    ErrorMapper.MappedError mapped = ErrorMapper.map(new TooManyRequests("slow down", ErrorDetails.builder().build()));
    assertThat(mapped.message()).containsIgnoringCase("wait").contains("retr");
  }

  @Test
  void networkFailuresAreUnavailableOrTimeout() {
    assertThat(ErrorMapper.map(new RuntimeException(new ConnectException("Connection refused"))).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(ErrorMapper.map(new RuntimeException(new SocketTimeoutException("Read timed out"))).code()).isEqualTo(ErrorCode.TIMEOUT);
  }

  @Test
  void unexpectedExceptionsDoNotLeakTheirMessage() {
    ErrorMapper.MappedError mapped = ErrorMapper.map(new IllegalStateException("password=hunter2 in /opt/secret"));
    assertThat(mapped.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(mapped.message()).doesNotContain("hunter2").doesNotContain("/opt/secret");
  }

  @Test
  void tokenLikeStringsInDatabricksMessagesAreRedacted() {
    String message =
        "Invalid token dapi0123456789abcdef0123456789abcdef for Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl "
            + "client_secret=dose1234567890abcdef";
    ErrorMapper.MappedError mapped = ErrorMapper.map(new PermissionDenied(message, ErrorDetails.builder().build()));
    assertThat(mapped.message())
        .doesNotContain("dapi0123456789")
        .doesNotContain("eyJhbGci")
        .doesNotContain("dose1234567890")
        .contains("[REDACTED]");
  }
}
