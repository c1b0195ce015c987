package dev.cairn.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import java.util.Map;

/**
 * What to restore, when, and how ({@code ReplicationDestinationSpec}).
 *
 * @param trigger when to sync (none: continuously, as Volsync)
 * @param restic the restic mover, the one Cairn runs
 * @param rsync Volsync's rsync mover: accepted, not run
 * @param rsyncTLS Volsync's rsync-tls mover: accepted, not run
 * @param rclone Volsync's rclone mover: accepted, not run
 * @param external an external mover: the resource is left to it
 * @param paused no mover runs while set
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicationDestinationSpec(
    TriggerSpec trigger,
    ResticDestinationSpec restic,
    @PreserveUnknownFields Map<String, Object> rsync,
    @PreserveUnknownFields Map<String, Object> rsyncTLS,
    @PreserveUnknownFields Map<String, Object> rclone,
    @PreserveUnknownFields Map<String, Object> external,
    Boolean paused) {
  /** Whether {@code paused} is set (not a JSON property: an unset {@code paused} stays unset). */
  @JsonIgnore
  public boolean isPaused() {
    return Boolean.TRUE.equals(paused);
  }
}
