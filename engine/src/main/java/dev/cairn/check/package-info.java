/**
 * Repository checking, as {@code restic check}: index files against pack files, pack headers
 * against the index, the tree structure of every snapshot, and optionally every blob's bytes.
 */
package dev.cairn.check;
