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
 * The restic mover of a ReplicationDestination ({@code ReplicationDestinationResticSpec}, with
 * its inlined {@code ReplicationDestinationVolumeOptions} and {@code MoverConfig}).
 *
 * @param copyMethod {@code Direct} (the PVC is the image) or {@code Snapshot} (a VolumeSnapshot
 *     of it is)
 * @param capacity size of the PVC the controller creates when {@code destinationPVC} is unset
 * @param storageClassName of that PVC
 * @param accessModes of that PVC (default ReadWriteOnce)
 * @param volumeSnapshotClassName for {@code Snapshot} (default: the cluster's default class)
 * @param destinationPVC restore into this existing PVC
 * @param cleanupTempPVC delete the PVC the controller created after each sync
 * @param repository the Secret with the repository's location, password and credentials
 * @param customCA a certificate authority for the repository's TLS
 * @param cacheCapacity size of the cache PVC (default 1Gi)
 * @param cacheStorageClassName of the cache
 * @param cacheAccessModes of the cache
 * @param cleanupCachePVC delete the cache PVC after each sync
 * @param previous skip this many snapshots back from the newest (that {@code restoreAsOf}
 *     allows)
 * @param restoreAsOf restore the newest snapshot at or before this time (RFC 3339)
 * @param enableFileDeletion delete what the volume has and the snapshot has not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResticDestinationSpec(
    String copyMethod,
    Quantity capacity,
    String storageClassName,
    @Size(min = 1) List<String> accessModes,
    String volumeSnapshotClassName,
    String destinationPVC,
    Boolean cleanupTempPVC,
    String repository,
    CustomCA customCA,
    Quantity cacheCapacity,
    String cacheStorageClassName,
    List<String> cacheAccessModes,
    Boolean cleanupCachePVC,
    Integer previous,
    String restoreAsOf,
    Boolean enableFileDeletion,
    PodSecurityContext moverSecurityContext,
    String moverServiceAccount,
    Map<String, String> moverPodLabels,
    ResourceRequirements moverResources,
    Affinity moverAffinity,
    List<MoverVolume> moverVolumes) implements MoverSettings {}
