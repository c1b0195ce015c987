/**
 * Cairn's Kubernetes operator: controllers for Volsync's {@code ReplicationSource} and
 * {@code ReplicationDestination} on the Java Operator SDK and the fabric8 client. Each sync runs
 * the {@code cairn mover} contract in a Job and reads its JSON result from the pod's
 * termination message; this module never links the engine.
 */
package dev.cairn.operator;
