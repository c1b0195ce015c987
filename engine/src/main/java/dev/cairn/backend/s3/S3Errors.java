package dev.cairn.backend.s3;

import dev.cairn.backend.BackendException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Turns the SDK's unchecked exceptions into {@link BackendException}s whose message names the
 * method, the object's URL (endpoint, bucket, key) and the HTTP status with S3's error code,
 * e.g. {@code s3 PUT http://127.0.0.1:9000/bucket/data/ab/ab12…: 403 AccessDenied (…)}, and
 * which say whether a retry may help.
 */
final class S3Errors {
  /** S3 error codes that mean "later": throttling and server-side timeouts. */
  private static final Set<String> TRANSIENT_CODES = Set.of("SlowDown", "RequestTimeout",
      "Throttling", "ThrottlingException", "InternalError", "ServiceUnavailable",
      "OperationAborted", "ConditionalRequestConflict", "BadDigest");

  private S3Errors() {}

  /** The HTTP status of a service error, or 0 for client-side failures. */
  static int status(RuntimeException e) {
    return e instanceof AwsServiceException s ? s.statusCode() : 0;
  }

  /** S3's error code ({@code NoSuchKey}, {@code AccessDenied}, …) or null. */
  static String code(RuntimeException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      return s.awsErrorDetails().errorCode();
    }
    return null;
  }

  /**
   * Whether {@code e} says the object is missing: 404 but not for a missing bucket (a HEAD's 404
   * has no body, so no code at all).
   */
  static boolean missingKey(RuntimeException e) {
    return status(e) == 404 && !"NoSuchBucket".equals(code(e));
  }

  /** Whether {@code e} says the bucket itself is missing. */
  static boolean missingBucket(RuntimeException e) {
    return status(e) == 404 && "NoSuchBucket".equals(code(e));
  }

  /** A BackendException for {@code e}, thrown by {@code method} on {@code key}. */
  static BackendException translate(RuntimeException e, String method, S3Location loc,
      String key) {
    String where = "s3 " + method + " " + loc.url(key) + ": ";
    if (e instanceof AwsServiceException s) {
      int status = s.statusCode();
      String code = code(e);
      String detail = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
      StringBuilder msg = new StringBuilder(where).append(status);
      if (code != null) {
        msg.append(' ').append(code);
      }
      if ("NoSuchBucket".equals(code)) {
        msg.append(" (bucket ").append(loc.bucket()).append(" does not exist)");
      } else if (detail != null && !detail.isBlank() && !detail.equals(code)) {
        msg.append(" (").append(detail).append(')');
      }
      boolean retry = status >= 500 || status == 429 || status == 408
          || (code != null && TRANSIENT_CODES.contains(code));
      return new BackendException(msg.toString(), e, retry);
    }
    // client side: no answer from the server (refused, reset, timed out), or a local problem
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String untrusted = certificateProblem(e);
    if (untrusted != null) {
      // the JDK's message nests its internal exception class names; say what went wrong
      reason = "TLS certificate not trusted: " + untrusted;
    }
    return new BackendException(where + reason, e, clientFailureIsTransient(e));
  }

  /**
   * For a TLS handshake or certificate failure, the message of its innermost cause (e.g. "unable
   * to find valid certification path to requested target"); else null.
   */
  private static String certificateProblem(Throwable e) {
    boolean tls = false;
    String innermost = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      tls |= t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException
          || t instanceof CertificateException;
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        innermost = t.getMessage();
      }
    }
    return tls ? innermost : null;
  }

  /**
   * Connection failures and timeouts (an {@link IOException} somewhere in the causes) may pass;
   * certificate problems, a host name that does not resolve, missing credentials or a request
   * the SDK refuses to send (e.g. a bucket name it finds invalid) will not.
   */
  private static boolean clientFailureIsTransient(Throwable e) {
    boolean io = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException
          || t instanceof CertificateException || t instanceof UnknownHostException) {
        return false;
      }
      io |= t instanceof IOException;
    }
    return io;
  }
}
