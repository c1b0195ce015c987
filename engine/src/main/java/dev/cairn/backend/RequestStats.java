package dev.cairn.backend;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of the requests a {@link CountingBackend} passed to its store, by kind, named after
 * the HTTP requests an object store would see.
 *
 * @param putRequests saves (PUT), failed ones included
 * @param putBytes bytes handed to saves, failed ones included
 * @param getRequests loads (GET), failed ones included
 * @param getBytes bytes returned by successful loads
 * @param headRequests stats (HEAD)
 * @param listRequests lists (LIST); a store may page one list through several HTTP requests
 * @param deleteRequests removes (DELETE)
 */
public record RequestStats(long putRequests, long putBytes, long getRequests, long getBytes,
    long headRequests, long listRequests, long deleteRequests) {
  /** No requests. */
  public static final RequestStats NONE = new RequestStats(0, 0, 0, 0, 0, 0, 0);

  /** All requests together. */
  public long requests() {
    return putRequests + getRequests + headRequests + listRequests + deleteRequests;
  }

  /**
   * The counts as JSON fields, in a fixed order: {@code put_requests}, {@code put_bytes},
   * {@code get_requests}, {@code get_bytes}, {@code head_requests}, {@code list_requests},
   * {@code delete_requests}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("put_requests", putRequests);
    m.put("put_bytes", putBytes);
    m.put("get_requests", getRequests);
    m.put("get_bytes", getBytes);
    m.put("head_requests", headRequests);
    m.put("list_requests", listRequests);
    m.put("delete_requests", deleteRequests);
    return m;
  }
}
