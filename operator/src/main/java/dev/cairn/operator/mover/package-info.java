/**
 * The mover Job and its result: Volsync's object names ({@link
 * dev.cairn.operator.mover.MoverNames}), the container environment built from the repository
 * Secret ({@link dev.cairn.operator.mover.MoverEnv}) with a restore's snapshot selection ({@link
 * dev.cairn.operator.mover.RestoreSelection}), the Job and pod spec ({@link
 * dev.cairn.operator.mover.MoverJob}), and the structured result the mover writes to its
 * termination message ({@link dev.cairn.operator.mover.MoverOutcome}). This is the operator's only
 * contact with the engine: the {@code cairn mover} command line and its JSON result.
 */
package dev.cairn.operator.mover;
