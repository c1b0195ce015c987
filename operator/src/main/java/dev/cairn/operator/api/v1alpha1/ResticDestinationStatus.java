package dev.cairn.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Cairn: what a ReplicationDestination's {@code latestImage} holds (Volsync keeps the restored
 * snapshot only in its log text). Absent when the last successful restore restored nothing (an
 * empty repository: the image is an empty volume).
 *
 * @param restoredSnapshot the id of the restic snapshot restored into the image
 * @param restoredSnapshotTime when that snapshot was taken
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResticDestinationStatus(String restoredSnapshot, String restoredSnapshotTime) {}
