package dev.cairn.backend.s3;

import dev.cairn.backend.Backend;
import dev.cairn.backend.BackendException;
import dev.cairn.backend.FileInfo;
import dev.cairn.backend.Handle;
import dev.cairn.backend.SpoolInputStream;
import dev.cairn.core.FileType;
import dev.cairn.core.Id;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A repository in an S3 bucket under a key prefix, in restic's default layout ({@code
 * <prefix>/config}, {@code <prefix>/data/ab/ab…}, {@code keys/}, {@code locks/}, {@code
 * snapshots/}, {@code index/}).
 *
 * <ul>
 *   <li>{@link #save} is one PutObject with {@code Content-MD5}: S3 rejects a body that does
 *       not match, and a PUT is atomic, so no partial object ever appears under the name. It
 *       sends {@code If-None-Match: *}, so the server refuses (412) a name that exists, which
 *       becomes {@link FileAlreadyExistsException} without a race. Amazon S3 (since 2024),
 *       MinIO and S3Proxy 4.1 honour it; a server that ignores the header overwrites instead:
 *       names are content hashes, so the bytes are the same, but the contract's error is lost.
 *   <li>{@link #load} is GetObject with {@code Range: bytes=off-end}; {@link #stat} HeadObject;
 *       {@link #list} ListObjectsV2 page by page, {@code data/} recursively.
 *   <li>{@link #remove} is HEAD then DeleteObject, because S3 deletes missing keys silently
 *       and the contract wants {@link NoSuchFileException}; {@link #removeIfPresent} (prune)
 *       is the DeleteObject alone.
 *   <li>Failures are {@link dev.cairn.backend.BackendException}s naming endpoint, bucket, key
 *       and HTTP status, and saying whether a retry may help; the SDK does not retry.
 * </ul>
 *
 * <p>Thread-safe: the SDK client is.
 */
public final class S3Backend implements Backend {
  private final S3Config config;
  private final S3Location loc;
  private final SdkHttpClient http;
  private final S3Client s3;
  private final S3Writer writer;

  /** A backend for {@code config}; nothing is sent until the first call. */
  public S3Backend(S3Config config) throws IOException {
    this.config = config;
    this.loc = config.location();
    this.http = S3Clients.http(config);
    this.s3 = S3Clients.s3(config, http);
    this.writer = new S3Writer(s3, loc, config.storageClass());
  }

  @Override
  public String location() {
    return loc.toString();
  }

  @Override
  public int connections() {
    return config.connections();
  }

  /** The configuration, for messages and tests. */
  public S3Config config() {
    return config;
  }

  @Override
  public void create() throws IOException {
    writer.createBucketIfMissing(config.region());
    if (exists(key(Handle.CONFIG))) {
      throw new FileAlreadyExistsException(loc.url(key(Handle.CONFIG)), null,
          "repository already exists");
    }
  }

  @Override
  public void save(Handle h, byte[] data, int off, int len) throws IOException {
    String key = key(h);
    if (off < 0 || len < 0 || off + len > data.length) {
      throw new IndexOutOfBoundsException("range " + off + "+" + len + " of " + data.length);
    }
    writer.put(key, () -> new ByteArrayInputStream(data, off, len), len,
        S3Writer.contentMd5(new ByteArrayInputStream(data, off, len)));
  }

  /**
   * Streams the spool file into one PutObject (its MD5 read first, from the page cache), so no
   * array of the whole pack is made; the default would read it into one per upload in flight.
   */
  @Override
  public void save(Handle h, FileChannel src, long len) throws IOException {
    String key = key(h);
    writer.put(key, () -> new SpoolInputStream(src, len), len,
        S3Writer.contentMd5(new SpoolInputStream(src, len)));
  }

  @Override
  public byte[] load(Handle h, long offset, int length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length for " + h);
    }
    String key = key(h);
    String range = offset == 0 && length == 0 ? null
        : "bytes=" + offset + "-" + (length == 0 ? "" : String.valueOf(offset + length - 1));
    byte[] out;
    try (ResponseInputStream<GetObjectResponse> in =
        s3.getObject(b -> b.bucket(loc.bucket()).key(key).range(range))) {
      out = readBody(in);
    } catch (RuntimeException e) {
      if (S3Errors.missingKey(e)) {
        throw new NoSuchFileException(loc.url(key));
      }
      if (S3Errors.missingBucket(e)) {
        // no bucket, no file: opening a repository there finds none (exit 10), init creates it
        throw new NoSuchFileException(loc.url(key), null,
            "bucket " + loc.bucket() + " does not exist");
      }
      if (S3Errors.status(e) == 416) { // the range starts at or past the end
        long size = stat(h);
        if (length == 0 && offset == size) {
          return new byte[0];
        }
        throw shortRead(key, offset, length, size);
      }
      throw S3Errors.translate(e, "GET", loc, key);
    } catch (IOException e) {
      throw readFailed(key, e);
    }
    if (length > 0 && out.length != length) {
      throw shortRead(key, offset, length, offset + out.length);
    }
    return out;
  }

  /**
   * The body in one array of the size the response announces (the SDK's byte transformer
   * collects it in a growing buffer and copies that into the result at the end).
   */
  private static byte[] readBody(ResponseInputStream<GetObjectResponse> in) throws IOException {
    Long size = in.response().contentLength();
    if (size == null || size < 0 || size > Integer.MAX_VALUE - 8) {
      return in.readAllBytes();
    }
    byte[] out = new byte[size.intValue()];
    int n = in.readNBytes(out, 0, out.length);
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** Streams the range straight into {@code dst}: no intermediate buffers for large ranges. */
  @Override
  public void load(Handle h, long offset, byte[] dst, int dstOff, int length) throws IOException {
    if (offset < 0 || length <= 0) {
      throw new IllegalArgumentException("invalid offset or length for " + h);
    }
    String key = key(h);
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    try (ResponseInputStream<GetObjectResponse> in =
        s3.getObject(b -> b.bucket(loc.bucket()).key(key).range(range))) {
      int n = in.readNBytes(dst, dstOff, length);
      if (n != length) {
        throw shortRead(key, offset, length, offset + n);
      }
    } catch (RuntimeException e) {
      if (S3Errors.missingKey(e)) {
        throw new NoSuchFileException(loc.url(key));
      }
      if (S3Errors.status(e) == 416) {
        throw shortRead(key, offset, length, stat(h));
      }
      throw S3Errors.translate(e, "GET", loc, key);
    } catch (EOFException e) {
      throw e;
    } catch (IOException e) {
      throw readFailed(key, e);
    }
  }

  /** A GET whose body broke off: worth a retry. */
  private BackendException readFailed(String key, IOException e) {
    return new BackendException("s3 GET " + loc.url(key) + ": " + e.getMessage(), e, true);
  }

  private EOFException shortRead(String key, long offset, int length, long size) {
    long want = length == 0 ? Math.max(0, size - offset) : length;
    return new EOFException(loc.url(key) + ": wanted " + want + " bytes at offset " + offset
        + ", file has " + size);
  }

  @Override
  public long stat(Handle h) throws IOException {
    String key = key(h);
    try {
      return s3.headObject(b -> b.bucket(loc.bucket()).key(key)).contentLength();
    } catch (RuntimeException e) {
      if (S3Errors.missingKey(e)) {
        throw new NoSuchFileException(loc.url(key));
      }
      throw S3Errors.translate(e, "HEAD", loc, key);
    }
  }

  @Override
  public void list(FileType type, Consumer<FileInfo> fn) throws IOException {
    if (type == FileType.CONFIG) {
      return; // config is not named by an id
    }
    String dir = loc.key(type.dir()) + "/";
    // data/ is sharded (data/ab/ab…): list it all and keep keys exactly one level down
    int depth = type == FileType.PACK ? 1 : 0;
    ListObjectsV2Request.Builder req = ListObjectsV2Request.builder()
        .bucket(loc.bucket()).prefix(dir);
    String token = null;
    do {
      ListObjectsV2Response page;
      try {
        page = s3.listObjectsV2(req.continuationToken(token).build());
      } catch (RuntimeException e) {
        throw S3Errors.translate(e, "GET (list)", loc, dir);
      }
      for (S3Object o : page.contents()) {
        String rel = o.key().substring(dir.length());
        int slash = rel.lastIndexOf('/');
        String name = rel.substring(slash + 1);
        if (rel.chars().filter(c -> c == '/').count() == depth && Id.isValid(name)) {
          fn.accept(new FileInfo(name, o.size()));
        }
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
  }

  @Override
  public void remove(Handle h) throws IOException {
    String key = key(h);
    if (!exists(key)) {
      throw new NoSuchFileException(loc.url(key));
    }
    delete(key);
  }

  /** One DeleteObject: S3 answers 204 whether or not the key was there, so no HEAD first. */
  @Override
  public void removeIfPresent(Handle h) throws IOException {
    delete(key(h));
  }

  private void delete(String key) throws IOException {
    try {
      s3.deleteObject(b -> b.bucket(loc.bucket()).key(key));
    } catch (RuntimeException e) {
      throw S3Errors.translate(e, "DELETE", loc, key);
    }
  }

  @Override
  public void close() {
    s3.close();
    http.close();
  }

  private boolean exists(String key) throws IOException {
    try {
      s3.headObject(b -> b.bucket(loc.bucket()).key(key));
      return true;
    } catch (RuntimeException e) {
      if (S3Errors.missingKey(e)) {
        return false;
      }
      throw S3Errors.translate(e, "HEAD", loc, key);
    }
  }

  /** The object key of a file: {@code <prefix>/config}, {@code <prefix>/data/ab/ab…}, …. */
  String key(Handle h) {
    if (h.type() == FileType.CONFIG) {
      return loc.key("config");
    }
    String name = h.name();
    if (name.length() < 2 || name.indexOf('/') >= 0 || name.startsWith(".")) {
      throw new IllegalArgumentException("invalid file name \"" + name + "\" in " + location());
    }
    String dir = h.type().dir();
    return loc.key(h.type() == FileType.PACK ? dir + "/" + name.substring(0, 2) + "/" + name
        : dir + "/" + name);
  }
}
