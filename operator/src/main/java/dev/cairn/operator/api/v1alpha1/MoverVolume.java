package dev.cairn.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/**
 * An extra volume for the mover, mounted at {@code /mnt/<mountPath>} (for example a repository
 * on an NFS export: {@code RESTIC_REPOSITORY=/mnt/repo}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MoverVolume(@Required String mountPath, @Required MoverVolumeSource volumeSource) {}
