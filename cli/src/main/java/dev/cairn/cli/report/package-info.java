/**
 * What the commands and the mover print, in restic's words and formats: progress and summaries
 * of backups, forget tables and JSON, prune statistics, snapshot listings, sizes and durations.
 * Printers follow the operations through their listener interfaces; they decide nothing.
 */
package dev.cairn.cli.report;
