/**
 * Prometheus metrics of the controllers: Volsync's three ({@code volsync_sync_duration_seconds},
 * {@code volsync_missed_intervals_total}, {@code volsync_volume_out_of_sync}, with its labels
 * {@code obj_name}, {@code obj_namespace}, {@code role}, {@code method}) so that existing
 * dashboards and alerts keep working, and Cairn's own from the movers' results: runs by outcome,
 * the last success, bytes added and files changed, consecutive failures. Every series of a
 * resource is removed when the resource is gone (Volsync keeps them forever, #1194).
 */
package dev.cairn.operator.metrics;
