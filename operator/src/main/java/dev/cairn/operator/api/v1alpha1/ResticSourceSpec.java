package dev.cairn.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;

/**
 * The restic mover of a ReplicationSource ({@code ReplicationSourceResticSpec}, with its inlined
 * {@code ReplicationSourceVolumeOptions} and {@code MoverConfig}).
 *
 * @param copyMethod how the point-in-time copy is made (default Direct)
 * @param capacity size of the copy (default: the snapshot's restore size, then the source's)
 * @param storageClassName of the copy (default: the source's)
 * @param accessModes of the copy (default: the source's)
 * @param volumeSnapshotClassName for {@code Snapshot} (default: the cluster's default class)
 * @param pruneIntervalDays prune when this many days have passed since the last (default 7)
 * @param repository the Secret with the repository's location, password and credentials
 * @param customCA a certificate authority for the repository's TLS
 * @param retain what forget keeps (default {@code --keep-last 1}, as Volsync)
 * @param cacheCapacity size of the cache PVC (default 1Gi)
 * @param cacheStorageClassName of the cache (default: {@code storageClassName}, then the
 *     cluster's default)
 * @param cacheAccessModes of the cache (default: {@code accessModes}, then the volume's)
 * @param unlock a tag: while it differs from {@code status.restic.lastUnlocked}, the next run
 *     starts with {@code unlock}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResticSourceSpec(
    String copyMethod,
    Quantity capacity,
    String storageClassName,
    @Size(min = 1) List<String> accessModes,
    String volumeSnapshotClassName,
    Integer pruneIntervalDays,
    String repository,
    CustomCA customCA,
    RetainPolicy retain,
    Quantity cacheCapacity,
    String cacheStorageClassName,
    List<String> cacheAccessModes,
    String unlock,
    PodSecurityContext moverSecurityContext,
    String moverServiceAccount,
    Map<String, String> moverPodLabels,
    ResourceRequirements moverResources,
    Affinity moverAffinity,
    List<MoverVolume> moverVolumes) implements MoverSettings {}
