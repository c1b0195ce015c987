/**
 * The local store: a repository in a directory, in restic's default layout, written with
 * restic's discipline (temporary file, fsync, rename, fsync of the directory, read-only mode) so
 * that restic and Cairn can share the same repository. See {@link
 * dev.cairn.backend.local.LocalBackend}.
 */
package dev.cairn.backend.local;
