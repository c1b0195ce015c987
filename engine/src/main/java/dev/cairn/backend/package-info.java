/**
 * A store of named, immutable files: the {@link dev.cairn.backend.Backend} contract, the
 * {@link dev.cairn.backend.Handle} that names a file, and the decorators (concurrency limit,
 * retry, request counts; the local cache in {@code cache}) that every store is wrapped in at one
 * place. A backend knows nothing of blobs, packs or encryption. Stores live in sub-packages:
 * {@code local}, {@code mem}, {@code rest} (and {@code s3}).
 */
package dev.cairn.backend;
