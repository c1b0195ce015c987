/**
 * The controllers: a reconcile loads the resource, asks the pure sync machine ({@code
 * operator.sync}) what to do, runs the ensure-checklist of a sync (volumes, ServiceAccount,
 * Secret, Job), harvests the mover's result (then, for a destination, makes its image), and
 * writes the status once. {@code SyncReconciler} is the loop; {@code SourceKind} and {@code
 * DestinationKind} are what a backup and a restore do differently. Conditions, events,
 * metrics and one structured log line per decision say what was decided and why.
 */
package dev.cairn.operator.reconcile;
