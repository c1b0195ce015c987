package dev.cairn.backend.rest;

import dev.cairn.backend.BackendException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/**
 * Sending one request and turning what went wrong into the {@link dev.cairn.backend.Backend}
 * contract's exceptions. Messages name the method and the URL, which never holds credentials
 * ({@link RestLocation#base()} has none).
 */
final class Http {
  /** At most this much of an error response body goes into a message. */
  private static final int BODY_IN_MESSAGE = 200;

  private Http() {}

  /**
   * Sends {@code req}; a failure to get a response (refused or reset connection, timeout) is a
   * transient {@link BackendException}.
   */
  static HttpResponse<byte[]> send(HttpClient client, HttpRequest req, String method, URI uri)
      throws IOException {
    try {
      return client.send(req, BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new BackendException(method + " " + uri + ": timed out: " + e.getMessage(), e, true);
    } catch (IOException e) {
      throw new BackendException(method + " " + uri + ": " + describe(e), e, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException ie = new InterruptedIOException(method + " " + uri + ": interrupted");
      ie.initCause(e);
      throw ie;
    }
  }

  /**
   * Returns if the status is 2xx; 404 is a {@link NoSuchFileException} on the URL, anything else
   * a {@link BackendException} with the status, transient for 408, 429 and 5xx.
   */
  static void expectOk(HttpResponse<byte[]> resp, String method, URI uri) throws IOException {
    int status = resp.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String what = method + " " + uri + ": HTTP " + status + bodyText(resp);
    if (status == 404) {
      throw new NoSuchFileException(uri.toString(), null, what);
    }
    throw new BackendException(what, null, isTransient(status));
  }

  /** Whether a request that got {@code status} may succeed when tried again. */
  static boolean isTransient(int status) {
    return status >= 500 || status == 429 || status == 408;
  }

  /** The total size from a {@code Content-Range: bytes a-b/total} header, if known. */
  static Optional<Long> totalSize(HttpResponse<?> resp) {
    Optional<String> range = resp.headers().firstValue("Content-Range");
    if (range.isEmpty()) {
      return Optional.empty();
    }
    String v = range.get();
    int slash = v.lastIndexOf('/');
    if (slash < 0 || v.endsWith("*")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(v.substring(slash + 1).trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String bodyText(HttpResponse<byte[]> resp) {
    byte[] body = resp.body();
    if (body == null || body.length == 0) {
      return "";
    }
    String text = new String(body, 0, Math.min(body.length, BODY_IN_MESSAGE),
        StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "" : " (" + text.replaceAll("\\s+", " ") + ")";
  }

  private static String describe(IOException e) {
    String msg = e.getMessage();
    String type = e.getClass().getSimpleName();
    return msg == null || msg.isEmpty() ? type : type + ": " + msg;
  }
}
