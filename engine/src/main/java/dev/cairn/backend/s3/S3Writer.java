package dev.cairn.backend.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** The writing requests of {@link S3Backend}: conditional uploads and bucket creation. */
final class S3Writer {
  private final S3Client s3;
  private final S3Location loc;
  private final String storageClass;

  S3Writer(S3Client s3, S3Location loc, String storageClass) {
    this.s3 = s3;
    this.loc = loc;
    this.storageClass = storageClass;
  }

  /**
   * Uploads the {@code len} bytes that {@code body} streams as {@code key} in one PutObject,
   * with {@code Content-MD5} and {@code If-None-Match: *}. The SDK may open {@code body} more
   * than once (to sign the payload, then to send it); nothing is copied into a buffer of the
   * whole body.
   *
   * @throws FileAlreadyExistsException when the server reports the key exists (412)
   */
  void put(String key, ContentStreamProvider body, long len, String md5) throws IOException {
    PutObjectRequest.Builder req = PutObjectRequest.builder()
        .bucket(loc.bucket())
        .key(key)
        .contentLength(len)
        .contentMD5(md5)
        .contentType("application/octet-stream")
        .ifNoneMatch("*");
    if (storageClass != null) {
      // archive classes, which restic keeps for data packs only, are refused by S3Config
      req.storageClass(storageClass);
    }
    try {
      s3.putObject(req.build(),
          RequestBody.fromContentProvider(body, len, "application/octet-stream"));
    } catch (RuntimeException e) {
      if (S3Errors.status(e) == 412) {
        throw new FileAlreadyExistsException(loc.url(key), null, "exists (412)");
      }
      throw S3Errors.translate(e, "PUT", loc, key);
    }
  }

  /**
   * Creates the bucket unless it exists (HeadBucket, then CreateBucket; a bucket we already own
   * is fine). On Amazon S3 outside {@code us-east-1}, the bucket is made in {@code region}.
   */
  void createBucketIfMissing(String region) throws IOException {
    try {
      s3.headBucket(b -> b.bucket(loc.bucket()));
      return;
    } catch (RuntimeException e) {
      if (S3Errors.status(e) != 404) {
        throw S3Errors.translate(e, "HEAD", loc, "");
      }
    }
    try {
      s3.createBucket(b -> {
        b.bucket(loc.bucket());
        if (loc.aws() && !region.equals("us-east-1")) {
          b.createBucketConfiguration(c -> c.locationConstraint(region));
        }
      });
    } catch (RuntimeException e) {
      if (!"BucketAlreadyOwnedByYou".equals(S3Errors.code(e))) {
        throw S3Errors.translate(e, "PUT (create bucket)", loc, "");
      }
    }
  }

  /** The base64 MD5 of what {@code body} reads, for {@code Content-MD5}. */
  static String contentMd5(InputStream body) throws IOException {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
    byte[] buf = new byte[64 << 10];
    for (int n; (n = body.read(buf)) >= 0; ) {
      md5.update(buf, 0, n);
    }
    return Base64.getEncoder().encodeToString(md5.digest());
  }
}
