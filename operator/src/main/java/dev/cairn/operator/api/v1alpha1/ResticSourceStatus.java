package dev.cairn.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Restic's part of a ReplicationSource's status ({@code ReplicationSourceResticStatus}).
 *
 * @param lastPruned when a run that pruned last succeeded
 * @param lastUnlocked the {@code spec.restic.unlock} tag of the last run that unlocked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResticSourceStatus(String lastPruned, String lastUnlocked) {}
