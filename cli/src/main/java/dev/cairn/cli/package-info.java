/**
 * The {@code cairn} command: restic's commands, flags and environment variables on top of the
 * engine. {@link dev.cairn.cli.Main} wires picocli; {@link dev.cairn.cli.GlobalOptions} holds the
 * options every command shares; {@link dev.cairn.cli.RepositoryLocator} turns a repository
 * string into a backend chain and opens it; {@link dev.cairn.cli.ExitCodes} maps failures to
 * restic's exit codes in one place.
 */
package dev.cairn.cli;
