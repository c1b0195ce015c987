package dev.cairn.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.NFSVolumeSource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;

/** What an extra mover volume is: one of a Secret, an NFS export or a PVC. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MoverVolumeSource(
    SecretVolumeSource secret,
    NFSVolumeSource nfs,
    PersistentVolumeClaimVolumeSource persistentVolumeClaim) {}
