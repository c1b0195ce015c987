/**
 * {@code cairn mover}: the contract of Volsync's restic mover ({@code entry.sh}) over the
 * engine's operations. It reads Volsync's environment ({@link
 * dev.cairn.cli.mover.MoverEnvironment}), runs the actions {@code unlock}, {@code backup},
 * {@code prune} and {@code restore} in order ({@link dev.cairn.cli.mover.Mover}), prints
 * restic's human log lines, and ends with one JSON result ({@link
 * dev.cairn.cli.mover.MoverResult}) on the last line of stdout and in the Kubernetes termination
 * message, classed by {@link dev.cairn.cli.mover.Outcome} in one place ({@link
 * dev.cairn.cli.mover.Classifier}). Everything a controller needs comes from that result,
 * never from log text.
 */
package dev.cairn.cli.mover;
