/**
 * {@code cairn standalone}: the operator's ReplicationSources and ReplicationDestinations on one
 * host, from the same YAML. {@code ManifestLoader} reads the Secrets and resources of a
 * directory (a problem in one resource leaves the others running), {@code Volumes} maps claims
 * to directories, {@code Standalone} asks the operator's sync machine what to run, runs each as
 * a {@code cairn mover} child process ({@code MoverLauncher}) with at most one per repository,
 * and records the mover's result in the same status fields as on Kubernetes, kept in {@code
 * StateFile}; the operator's metrics describe it. {@code StatusTable} prints that status.
 */
package dev.cairn.standalone;
