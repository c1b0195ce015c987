/**
 * The S3 store: a restic repository in a bucket of Amazon S3 or an S3-compatible server (MinIO,
 * Ceph, S3Proxy, …), under an optional key prefix, in restic's default layout. {@link
 * dev.cairn.backend.s3.S3Location} parses restic's {@code s3:} repository strings, {@link
 * dev.cairn.backend.s3.S3Config} gathers credentials and {@code -o s3.*} options, and {@link
 * dev.cairn.backend.s3.S3Backend} implements the {@link dev.cairn.backend.Backend} contract on
 * the AWS SDK's synchronous client over the JDK's {@code HttpURLConnection}.
 */
package dev.cairn.backend.s3;
