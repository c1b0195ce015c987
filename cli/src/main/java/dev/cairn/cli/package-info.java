/**
 * The {@code cairn} command: restic's commands, flags and environment variables on top of the
 * engine's operations ({@link dev.cairn.operation.Operations}). {@link dev.cairn.cli.Main} wires
 * picocli; {@link dev.cairn.cli.GlobalOptions} holds the options every command shares; each
 * command parses its flags into a request, runs the operation and hands the outcome to a printer
 * of {@code cli.report}; {@link dev.cairn.cli.ExitCodes} maps failures to restic's exit codes in
 * one place.
 */
package dev.cairn.cli;
