package dev.databricksmcp.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.error.details.ErrorDetails;
import com.databricks.sdk.core.error.details.RequestInfo;
import com.databricks.sdk.core.error.details.RetryInfo;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.PermissionDenied;
import com.databricks.sdk.core.error.platform.ResourceExhausted;
import com.databricks.sdk.core.error.platform.TemporarilyUnavailable;
import com.databricks.sdk.core.error.platform.TooManyRequests;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Databricks SDK error class lands on its code; nothing secret survives the mapping. */
class ErrorMapperTest {
  /**
   * Every DatabricksError class of the SDK and the code it must map to. The SDK jar is scanned, so
   * a class added by an SDK upgrade fails {@link #everySdkErrorClassHasAnExpectedCode} until it is
   * mapped on purpose.
   */
  private static final Map<String, ErrorCode> EXPECTED =
      Map.ofEntries(
          Map.entry("DatabricksError", ErrorCode.INTERNAL_ERROR),
          Map.entry("Unauthenticated", ErrorCode.AUTHENTICATION_ERROR),
          Map.entry("PermissionDenied", ErrorCode.PERMISSION_DENIED),
          Map.entry("PrivateLinkValidationError", ErrorCode.PERMISSION_DENIED),
          Map.entry("NotFound", ErrorCode.NOT_FOUND),
          Map.entry("ResourceDoesNotExist", ErrorCode.NOT_FOUND),
          Map.entry("AlreadyExists", ErrorCode.ALREADY_EXISTS),
          Map.entry("ResourceAlreadyExists", ErrorCode.ALREADY_EXISTS),
          Map.entry("ResourceConflict", ErrorCode.CONFLICT),
          Map.entry("Aborted", ErrorCode.CONFLICT),
          Map.entry("InvalidState", ErrorCode.CONFLICT),
          Map.entry("NotImplemented", ErrorCode.NOT_SUPPORTED),
          Map.entry("TooManyRequests", ErrorCode.RATE_LIMITED),
          Map.entry("RequestLimitExceeded", ErrorCode.RATE_LIMITED),
          Map.entry("ResourceExhausted", ErrorCode.RATE_LIMITED),
          Map.entry("TemporarilyUnavailable", ErrorCode.UNAVAILABLE),
          Map.entry("DeadlineExceeded", ErrorCode.TIMEOUT),
          Map.entry("Cancelled", ErrorCode.TIMEOUT),
          Map.entry("BadRequest", ErrorCode.VALIDATION_ERROR),
          Map.entry("InvalidParameterValue", ErrorCode.VALIDATION_ERROR),
          Map.entry("InternalError", ErrorCode.INTERNAL_ERROR),
          Map.entry("DataLoss", ErrorCode.INTERNAL_ERROR),
          Map.entry("Unknown", ErrorCode.INTERNAL_ERROR));

  /** Every subclass of DatabricksError in the SDK's jar (and DatabricksError itself). */
  static List<Class<? extends DatabricksError>> sdkErrorClasses() throws Exception {
    Path jar =
        Path.of(DatabricksError.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<? extends DatabricksError>> out = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry entry : Collections.list(file.entries())) {
        String name = entry.getName();
        if (!name.startsWith("com/databricks/sdk/")
            || !name.endsWith(".class")
            || name.contains("$")) {
          continue;
        }
        Class<?> c =
            Class.forName(
                name.replace('/', '.').replace(".class", ""),
                false,
                DatabricksError.class.getClassLoader());
        if (DatabricksError.class.isAssignableFrom(c)) {
          out.add(c.asSubclass(DatabricksError.class));
        }
      }
    }
    return out;
  }

  @Test
  void everySdkErrorClassHasAnExpectedCode() throws Exception {
    List<String> found = sdkErrorClasses().stream().map(Class::getSimpleName).sorted().toList();
    assertThat(found)
        .as("the SDK's error classes; map a new one in ErrorMapper and here")
        .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
  }

  static Stream<Arguments> sdkErrors() throws Exception {
    List<Arguments> out = new ArrayList<>();
    for (Class<? extends DatabricksError> c : sdkErrorClasses()) {
      DatabricksError error =
          c == DatabricksError.class
              ? new DatabricksError("SOMETHING_ODD", "odd", 418)
              : c.getConstructor(String.class, ErrorDetails.class)
                  .newInstance("message of " + c.getSimpleName(), ErrorDetails.builder().build());
      out.add(Arguments.of(c.getSimpleName(), error));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sdkErrors")
  void sdkErrorClassesMapToTheirCodes(String name, DatabricksError error) {
    ErrorMapper.MappedError mapped = ErrorMapper.map(error);
    assertThat(mapped.code()).isEqualTo(EXPECTED.get(name));
    assertThat(mapped.message()).doesNotContain("com.databricks").doesNotContain("Exception");
  }

  static Stream<Arguments> statusOnlyErrors() {
    return Stream.of(
        Arguments.of(401, ErrorCode.AUTHENTICATION_ERROR),
        Arguments.of(403, ErrorCode.PERMISSION_DENIED),
        Arguments.of(404, ErrorCode.NOT_FOUND),
        Arguments.of(408, ErrorCode.TIMEOUT),
        Arguments.of(409, ErrorCode.CONFLICT),
        Arguments.of(413, ErrorCode.VALIDATION_ERROR),
        Arguments.of(414, ErrorCode.VALIDATION_ERROR),
        Arguments.of(422, ErrorCode.VALIDATION_ERROR),
        Arguments.of(400, ErrorCode.VALIDATION_ERROR),
        Arguments.of(429, ErrorCode.RATE_LIMITED),
        Arguments.of(500, ErrorCode.INTERNAL_ERROR),
        Arguments.of(501, ErrorCode.NOT_SUPPORTED),
        Arguments.of(502, ErrorCode.UNAVAILABLE),
        Arguments.of(503, ErrorCode.UNAVAILABLE),
        Arguments.of(504, ErrorCode.TIMEOUT),
        Arguments.of(523, ErrorCode.UNAVAILABLE));
  }

  /** A plain DatabricksError (unknown error code) is mapped by its HTTP status alone. */
  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @MethodSource("statusOnlyErrors")
  void statusAloneDecidesForUnknownErrorCodes(int status, ErrorCode expected) {
    assertThat(ErrorMapper.map(new DatabricksError("SOMETHING_NEW", "odd", status)).code())
        .isEqualTo(expected);
  }

  /**
   * The SDK maps "Job 12 does not exist." to ResourceDoesNotExist on jobs/get only; on update,
   * delete or run-now the same 400 INVALID_PARAMETER_VALUE is the same fact: NOT_FOUND.
   */
  @Test
  void anUnknownJobRunOrClusterIdIsNotFoundOnEveryRoute() {
    for (String message :
        List.of(
            "Job 123 does not exist.",
            "Run 9 does not exist.",
            "Run: 9 in job: 3 doesn't exist",
            "Cluster 0101-x does not exist")) {
      assertThat(
              ErrorMapper.map(new DatabricksError("INVALID_PARAMETER_VALUE", message, 400)).code())
          .as(message)
          .isEqualTo(ErrorCode.NOT_FOUND);
    }
    assertThat(
            ErrorMapper.map(
                    new DatabricksError(
                        "INVALID_PARAMETER_VALUE",
                        "Task a depends on task b, which does not exist",
                        400))
                .code())
        .isEqualTo(ErrorCode.VALIDATION_ERROR);
  }

  /** The Jobs API answers an unknown job or run id with a bad request naming the missing one. */
  @Test
  void aBadRequestNamingOneMissingObjectIsNotFound() {
    ErrorDetails none = ErrorDetails.builder().build();
    assertThat(ErrorMapper.map(new InvalidParameterValue("Run 123 does not exist.", none)).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(
            ErrorMapper.map(
                    new DatabricksError("INVALID_PARAMETER_VALUE", "Job 7 does not exist", 400))
                .code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(
            ErrorMapper.map(
                    new InvalidParameterValue(
                        "Run 123 is active: cancel it before deleting it.", none))
                .code())
        .isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(
            ErrorMapper.map(
                    new InvalidParameterValue(
                        "the value of max_results does not exist in the range 1 to 25", none))
                .code())
        .isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(ErrorMapper.map(new DatabricksError("ODD", "Run 123 does not exist.", 500)).code())
        .isEqualTo(ErrorCode.INTERNAL_ERROR);
  }

  @Test
  void alreadyExistsByErrorCodeWinsOverTheConflictStatus() {
    assertThat(ErrorMapper.map(new DatabricksError("SCHEMA_ALREADY_EXISTS", "there", 409)).code())
        .isEqualTo(ErrorCode.ALREADY_EXISTS);
    assertThat(ErrorMapper.map(new DatabricksError("ALREADY_EXISTS", "there", 409)).code())
        .isEqualTo(ErrorCode.ALREADY_EXISTS);
  }

  @Test
  void aWebPageInsteadOfAnApiErrorBecomesOneSentence() {
    assertThat(
            ErrorMapper.map(new DatabricksError("UNKNOWN", "<body>entity too large</body>", 413))
                .message())
        .contains("413")
        .contains("too large")
        .doesNotContain("<");
    String page =
        "<html><head><title>414 Request-URI Too"
            + " Large</title></head><body><center><h1>414</h1></center></body></html>";
    ErrorMapper.MappedError mapped = ErrorMapper.map(new DatabricksError("UNKNOWN", page, 414));
    assertThat(mapped.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(mapped.message()).doesNotContain("<").contains("414").contains("too large");
    ErrorMapper.MappedError gateway =
        ErrorMapper.map(new DatabricksError("UNKNOWN", "<!DOCTYPE html><p>bad gateway", 502));
    assertThat(gateway.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(gateway.message()).doesNotContain("<").contains("502");
  }

  @Test
  void resourceExhaustedDoesNotClaimARetryThatDidNotHappen() {
    ErrorMapper.MappedError direct =
        ErrorMapper.map(new ResourceExhausted("quota", ErrorDetails.builder().build()));
    assertThat(direct.message()).doesNotContain("retried").containsIgnoringCase("quota");
    ErrorMapper.MappedError afterRetries =
        ErrorMapper.map(
            new DatabricksException(
                "Request POST /x failed after 4 retries",
                new ResourceExhausted("quota", ErrorDetails.builder().build())));
    assertThat(afterRetries.message()).contains("retried by the Databricks SDK");
  }

  @Test
  void aPlainSdkExceptionFromConfigurationIsAnAuthenticationError() {
    DatabricksException fromConfig =
        new DatabricksException("cannot configure default credentials");
    fromConfig.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(
              "com.databricks.sdk.core.DefaultCredentialsProvider", "configure", null, 1)
        });
    assertThat(ErrorMapper.map(fromConfig).code()).isEqualTo(ErrorCode.AUTHENTICATION_ERROR);
    DatabricksException fromOauth = new DatabricksException("token refresh failed");
    fromOauth.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("com.databricks.sdk.core.oauth.Refreshable", "getToken", null, 1)
        });
    assertThat(ErrorMapper.map(fromOauth).code()).isEqualTo(ErrorCode.AUTHENTICATION_ERROR);
  }

  @Test
  void aPlainSdkExceptionElsewhereIsNotCalledAnAuthenticationError() {
    DatabricksException io =
        new DatabricksException(
            "IO error: Unexpected end-of-input", new java.io.IOException("eof"));
    io.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("com.databricks.sdk.core.ApiClient", "execute", null, 1)
        });
    assertThat(ErrorMapper.map(io).code()).isEqualTo(ErrorCode.UNAVAILABLE);
    DatabricksException other =
        new DatabricksException("Unable to initialize an instance of type X");
    other.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("com.databricks.sdk.core.ApiClient", "deserialize", null, 1)
        });
    ErrorMapper.MappedError mapped = ErrorMapper.map(other);
    assertThat(mapped.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(mapped.message()).contains("Databricks SDK failed");
  }

  @Test
  void detailsKeepDatabricksCodeStatusAndRequestIdWhenTheyExist() {
    ErrorDetails withIds =
        ErrorDetails.builder()
            .setRequestInfo(RequestInfo.builder().setRequestId("req-42").setServingData("").build())
            .build();
    ErrorMapper.MappedError mapped = ErrorMapper.map(new PermissionDenied("no", withIds));
    assertThat(mapped.details())
        .containsEntry("databricks_error_code", "PERMISSION_DENIED")
        .containsEntry("http_status", 403)
        .containsEntry("request_id", "req-42");

    ErrorMapper.MappedError bare = ErrorMapper.map(new DatabricksError(null, "odd", 0));
    assertThat(bare.details())
        .doesNotContainKeys("databricks_error_code", "http_status", "request_id");
    assertThat(ErrorMapper.map(new DatabricksError("X", "odd", 1)).details())
        .containsEntry("http_status", 1);
  }

  @Test
  void aRetryDelayFromDatabricksIsPassedOnAsSecondsToWait() {
    ErrorDetails retry =
        ErrorDetails.builder()
            .setRetryInfo(RetryInfo.builder().setRetryDelay(Duration.ofSeconds(7)).build())
            .build();
    ErrorMapper.MappedError mapped = ErrorMapper.map(new TooManyRequests("slow down", retry));
    assertThat(mapped.details()).containsEntry("retry_after_seconds", 7L);
    assertThat(mapped.message()).endsWith("Retry after 7s.");
    ErrorMapper.MappedError noDelay =
        ErrorMapper.map(new TooManyRequests("slow down", ErrorDetails.builder().build()));
    assertThat(noDelay.details()).doesNotContainKey("retry_after_seconds");
    assertThat(noDelay.message()).contains("rate limiting").doesNotContain("quota");
  }

  @Test
  void notSupportedSaysRetryingWillNotHelpAndOthersDoNot() {
    assertThat(ErrorMapper.map(new DatabricksError("NOT_IMPLEMENTED", "no", 501)).message())
        .contains("retrying will not help");
    assertThat(ErrorMapper.map(new DatabricksError("X", "no", 500)).message())
        .doesNotContain("retrying will not help");
  }

  @Test
  void aPlainGiveUpAfterRetriesIsUnavailableButAFailureWithoutRetriesIsNot() {
    DatabricksException gaveUp =
        new DatabricksException("Request GET /api/2.1/x failed after 4 retries");
    ErrorMapper.MappedError mapped = ErrorMapper.map(gaveUp);
    assertThat(mapped.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(mapped.message()).contains("retried by the Databricks SDK");
    assertThat(
            ErrorMapper.map(new DatabricksException("Request GET /api/2.1/x failed after a while"))
                .code())
        .isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(ErrorMapper.map(new DatabricksException("the retries were fine")).code())
        .isEqualTo(ErrorCode.INTERNAL_ERROR);
  }

  @Test
  void aConfigurationFailureDeeperInTheCauseChainIsStillAnAuthenticationError() {
    DatabricksException cause = new DatabricksException("oauth token endpoint said no");
    cause.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("com.databricks.sdk.core.oauth.TokenSource", "get", null, 1)
        });
    DatabricksException outer = new DatabricksException("request failed", cause);
    outer.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("com.databricks.sdk.core.ApiClient", "execute", null, 1)
        });
    assertThat(ErrorMapper.map(outer).code()).isEqualTo(ErrorCode.AUTHENTICATION_ERROR);
  }

  @Test
  void anUnreachableWorkspaceIsNamedByTheRootCause() {
    ErrorMapper.MappedError mapped =
        ErrorMapper.map(
            new RuntimeException(
                "outer wrapper",
                new IllegalStateException("middle", new ConnectException("Connection refused"))));
    assertThat(mapped.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(mapped.message())
        .endsWith("Connection refused")
        .doesNotContain("outer wrapper")
        .doesNotContain("middle");
    assertThat(ErrorMapper.map(new RuntimeException(new ConnectException())).message())
        .endsWith("no details");
  }

  @Test
  void aLongOrMultiLineMessageIsCutToItsFirstThousandCharacters() {
    assertThat(ErrorMapper.map(new BadRequestError("first line\nsecond line")).message())
        .isEqualTo("first line");
    assertThat(ErrorMapper.map(new BadRequestError("\n  the text \r\nsecond line")).message())
        .isEqualTo("the text");
    String exactly = "x".repeat(1000);
    assertThat(ErrorMapper.map(new BadRequestError(exactly)).message()).isEqualTo(exactly);
    assertThat(ErrorMapper.map(new BadRequestError(exactly + "y")).message())
        .isEqualTo(exactly + "…");
    assertThat(ErrorMapper.map(new BadRequestError(exactly + "\nmore")).message())
        .isEqualTo(exactly);
  }

  /** An API error whose message is given exactly. */
  private static final class BadRequestError extends DatabricksError {
    BadRequestError(String message) {
      super("BAD_REQUEST", message, 400);
    }
  }

  @Test
  void anErrorWrappedAfterRetriesIsStillRecognised() {
    DatabricksException afterRetries =
        new DatabricksException(
            "Request GET /api/2.1/x failed after 4 retries",
            new TemporarilyUnavailable("busy", ErrorDetails.builder().build()));
    assertThat(ErrorMapper.map(afterRetries).code()).isEqualTo(ErrorCode.UNAVAILABLE);
  }

  @Test
  void rateLimitedSaysWhenToRetry() {
    ErrorMapper.MappedError mapped =
        ErrorMapper.map(new TooManyRequests("slow down", ErrorDetails.builder().build()));
    assertThat(mapped.message()).containsIgnoringCase("wait").contains("retr");
  }

  @Test
  void networkFailuresAreUnavailableOrTimeout() {
    assertThat(
            ErrorMapper.map(new RuntimeException(new ConnectException("Connection refused")))
                .code())
        .isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(
            ErrorMapper.map(new RuntimeException(new SocketTimeoutException("Read timed out")))
                .code())
        .isEqualTo(ErrorCode.TIMEOUT);
  }

  @Test
  void unexpectedExceptionsDoNotLeakTheirMessage() {
    ErrorMapper.MappedError mapped =
        ErrorMapper.map(new IllegalStateException("password=hunter2 in /opt/secret"));
    assertThat(mapped.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(mapped.message())
        .doesNotContain("hunter2")
        .doesNotContain("/opt/secret")
        .doesNotContain("IllegalState");
  }

  @Test
  void tokenLikeStringsInDatabricksMessagesAreRedacted() {
    String message =
        "Invalid token dapi0123456789abcdef0123456789abcdef for Authorization: Bearer"
            + " eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl "
            + "client_secret=dose1234567890abcdef";
    ErrorMapper.MappedError mapped =
        ErrorMapper.map(new PermissionDenied(message, ErrorDetails.builder().build()));
    assertThat(mapped.message())
        .doesNotContain("dapi0123456789")
        .doesNotContain("eyJhbGci")
        .doesNotContain("dose1234567890")
        .contains("[REDACTED]");
  }
}
