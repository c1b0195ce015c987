/**
 * The repository: opens it with a password (key files), reads its config, loads the index,
 * stores and loads blobs (dedup, pack assembly and upload), stores and loads the "unpacked"
 * files (snapshots, index, locks) and takes restic-compatible locks. It is the one class that
 * knows every layer below it ({@code crypto}, {@code backend}, {@code pack}, {@code index});
 * the operations above see it through the {@code core} role interfaces.
 */
package dev.cairn.repository;
