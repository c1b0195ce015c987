/**
 * The REST store: a repository served by restic's rest-server (or {@code rclone serve restic})
 * over HTTP or HTTPS, protocol v2 (restic-format.md §1). {@link
 * dev.cairn.backend.rest.RestLocation} parses {@code rest:http://user:pass@host:port/path/};
 * {@link dev.cairn.backend.rest.RestBackend} is the store on {@link java.net.http.HttpClient}.
 */
package dev.cairn.backend.rest;
