package dev.cairn.operator.mover;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Volsync's names for the objects of one ReplicationSource or ReplicationDestination (its
 * section 3.7), so that a cluster moving between Volsync and Cairn finds the same objects: the
 * point-in-time copy {@code volsync-<rs>-src}, the destination PVC {@code volsync-<rd>-dest}, the
 * cache {@code volsync-src-<rs>-cache}, the Job and ServiceAccount {@code volsync-src-<rs>}
 * (names that would exceed 63 characters end in the CRC-32 of the resource's name instead).
 */
public record MoverNames(Role role, String owner) {
  /** Longest Job name Volsync allows itself (a Job's pods get a suffix). */
  static final int JOB_NAME_MAX = 63;
  /** Longest label value Kubernetes accepts. */
  static final int LABEL_VALUE_MAX = 63;

  private String prefix() {
    return "volsync-" + role.shortName() + "-";
  }

  /** The Job, and the ServiceAccount the controller makes for it. */
  public String job() {
    return shortened(prefix(), JOB_NAME_MAX);
  }

  /** The cache PVC. */
  public String cache() {
    return prefix() + owner + "-cache";
  }

  /** The source's point-in-time copy: VolumeSnapshot and PVC (Clone or Snapshot). */
  public String pointInTime() {
    return "volsync-" + owner + "-src";
  }

  /** The PVC a destination creates when no {@code destinationPVC} is given. */
  public String destination() {
    return "volsync-" + owner + "-dest";
  }

  /** The value of the {@code volsync.backube/owner} label on the mover's pods. */
  public String ownerLabel() {
    return owner.length() > LABEL_VALUE_MAX ? crc32(owner) : owner;
  }

  private String shortened(String prefix, int max) {
    String name = prefix + owner;
    return name.length() > max ? prefix + crc32(owner) : name;
  }

  /** Volsync's {@code GetHashedName}: eight hex digits of the IEEE CRC-32. */
  static String crc32(String s) {
    CRC32 c = new CRC32();
    c.update(s.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", c.getValue());
  }
}
