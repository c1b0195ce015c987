package dev.cairn.backend.s3;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Where a repository lives in S3, parsed from restic's repository strings:
 *
 * <ul>
 *   <li>{@code s3:https://host[:port]/bucket[/prefix]} and {@code s3:http://…} (explicit scheme);
 *   <li>{@code s3:host[:port]/bucket[/prefix]}, always over https;
 *   <li>{@code s3:s3.amazonaws.com/bucket[/prefix]} for Amazon S3 itself.
 * </ul>
 *
 * <p>The prefix is cleaned as Go's {@code path.Clean} does (restic does the same), without
 * leading or trailing slashes; it is empty when the repository sits at the bucket's root.
 *
 * @param endpoint scheme, host and port, without a path, e.g. {@code http://127.0.0.1:9000}
 * @param bucket the bucket name
 * @param prefix the key prefix without slashes at either end, or empty
 * @param aws whether the endpoint is Amazon S3 ({@code *.amazonaws.com[.cn]})
 */
public record S3Location(URI endpoint, String bucket, String prefix, boolean aws) {
  /** Parses {@code s3:…}; throws IllegalArgumentException naming the string when invalid. */
  public static S3Location parse(String repository) {
    if (!repository.startsWith("s3:")) {
      throw invalid(repository, "does not start with s3:");
    }
    String rest = repository.substring(3);
    String scheme = "https";
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      int sep = rest.indexOf("://");
      scheme = lower.substring(0, sep);
      rest = rest.substring(sep + 3);
    }
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      throw invalid(repository, "host or bucket name not found");
    }
    String host = rest.substring(0, slash);
    String path = rest.substring(slash + 1);
    int next = path.indexOf('/');
    String bucket = next < 0 ? path : path.substring(0, next);
    String prefix = next < 0 ? "" : cleanPrefix(path.substring(next + 1));
    if (bucket.isEmpty()) {
      throw invalid(repository, "bucket name not found");
    }
    URI endpoint;
    try {
      endpoint = new URI(scheme + "://" + host);
    } catch (Exception e) {
      throw invalid(repository, "bad host \"" + host + "\"");
    }
    if (endpoint.getHost() == null || endpoint.getRawPath() != null
        && !endpoint.getRawPath().isEmpty()) {
      throw invalid(repository, "bad host \"" + host + "\"");
    }
    String h = endpoint.getHost().toLowerCase(Locale.ROOT);
    boolean aws = h.endsWith(".amazonaws.com") || h.endsWith(".amazonaws.com.cn");
    return new S3Location(endpoint, bucket, prefix, aws);
  }

  /**
   * Go's {@code path.Clean} of {@code p}, then without leading or trailing slashes, and empty
   * instead of {@code "."}.
   */
  static String cleanPrefix(String p) {
    boolean rooted = p.startsWith("/");
    Deque<String> out = new ArrayDeque<>();
    for (String element : p.split("/")) {
      if (element.isEmpty() || element.equals(".")) {
        continue;
      }
      if (element.equals("..")) {
        if (!out.isEmpty() && !out.peekLast().equals("..")) {
          out.removeLast();
        } else if (!rooted) {
          out.addLast(".."); // Go keeps leading ".." of a relative path
        }
        continue;
      }
      out.addLast(element);
    }
    return String.join("/", out);
  }

  /** The object key of {@code relative} (e.g. {@code data/ab/ab12…}) under the prefix. */
  public String key(String relative) {
    return prefix.isEmpty() ? relative : prefix + "/" + relative;
  }

  /** The URL of an object for messages, in path style: endpoint/bucket/key. */
  public String url(String key) {
    return endpoint + "/" + bucket + (key.isEmpty() ? "" : "/" + key);
  }

  /** {@code s3:endpoint/bucket[/prefix]}: a normalised repository string, without secrets. */
  @Override
  public String toString() {
    return "s3:" + url(prefix);
  }

  private static IllegalArgumentException invalid(String repository, String why) {
    return new IllegalArgumentException(
        "invalid S3 repository \"" + repository + "\": " + why
            + " (want s3:[http[s]://]host[:port]/bucket[/prefix])");
  }
}
