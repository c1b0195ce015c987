/**
 * End-to-end tests of the operator: the real operator wiring ({@code CairnOperator}, as {@code
 * cairn operator} starts it) against the fabric8 mock API server in CRUD mode, with {@link
 * dev.cairn.e2e.ClusterStandIn} playing what a cluster does beyond storing objects, and the real
 * {@code cairn mover} run as a local process for each Job.
 */
package dev.cairn.e2e;
