package dev.cairn.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Cairn's record of the last finished mover run, from the mover's JSON result (never from log
 * text).
 *
 * @param outcome the mover's class: ok, partial, skipped-empty, no-snapshot, wrong-password,
 *     no-repository, locked, unreachable, failed
 * @param message its one-line account
 * @param finishedAt when the run ended
 * @param snapshotId the snapshot saved (backup) or restored (restore)
 * @param snapshotTime the restored snapshot's time
 * @param bytesAdded new data the backup added to the repository
 * @param filesNew files the backup found new
 * @param filesChanged files the backup found changed
 * @param filesUnreadable files the backup could not read (outcome partial)
 * @param filesRestored files the restore wrote
 * @param bytesRestored bytes the restore wrote
 * @param prunedBytes bytes the prune freed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncResult(
    String outcome,
    String message,
    String finishedAt,
    String snapshotId,
    String snapshotTime,
    Long bytesAdded,
    Long filesNew,
    Long filesChanged,
    Long filesUnreadable,
    Long filesRestored,
    Long bytesRestored,
    Long prunedBytes) {}
