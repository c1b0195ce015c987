/**
 * The in-memory store: {@link dev.cairn.backend.mem.MemBackend} keeps a repository's files in a
 * map. It is the standard test double and serves runs that must not write anywhere.
 */
package dev.cairn.backend.mem;
