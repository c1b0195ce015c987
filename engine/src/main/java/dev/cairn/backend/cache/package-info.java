/**
 * restic's local cache: encrypted copies of index files, snapshot files and packs holding tree
 * blobs kept on local disk, so that a backup or restore from object storage does not download
 * them again. {@link dev.cairn.backend.cache.Cache} is the directory
 * ({@code <base>/<repository id>/{index,snapshots,data/xx}}); {@link
 * dev.cairn.backend.cache.CachedBackend} is the decorator that serves loads from it. The cache
 * holds exactly the backend's bytes: every entry is content-addressed and checked against its
 * name, so a damaged entry is dropped and fetched again, never served.
 */
package dev.cairn.backend.cache;
