/**
 * A store of named, immutable files: the {@link dev.cairn.backend.Backend} contract, the
 * {@link dev.cairn.backend.Handle} that names a file, and the decorators (retry, concurrency
 * limit; the local cache in {@code cache}) that every store is wrapped in at one place. A backend knows nothing of blobs, packs or
 * encryption. Stores live in sub-packages: {@code local}, {@code mem} (and later {@code s3},
 * {@code rest}).
 */
package dev.cairn.backend;
