package dev.cairn.standalone;

import dev.cairn.operator.api.v1alpha1.MoverSettings;
import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.operator.api.v1alpha1.TriggerSpec;
import io.fabric8.kubernetes.client.CustomResource;
import java.nio.file.Path;
import java.util.Map;

/**
 * A ReplicationSource or ReplicationDestination as loaded: the resource, the file it came
 * from, and what the runner needs of either kind.
 *
 * @param key its kind, namespace and name
 * @param resource the resource as parsed
 * @param file the YAML file it came from
 */
public record Managed(ResourceKey key, CustomResource<?, ?> resource, Path file) {
  /** Annotation: the directory of the resource's volume, instead of the volumes root's. */
  public static final String VOLUME_PATH = "cairn.dev/volume-path";

  static Managed of(ReplicationSource rs, Path file) {
    return new Managed(new ResourceKey(ResourceKey.SOURCE, rs.getMetadata().getNamespace(),
        rs.getMetadata().getName()), rs, file);
  }

  static Managed of(ReplicationDestination rd, Path file) {
    return new Managed(new ResourceKey(ResourceKey.DESTINATION,
        rd.getMetadata().getNamespace(), rd.getMetadata().getName()), rd, file);
  }

  public ReplicationSource source() {
    return (ReplicationSource) resource;
  }

  public ReplicationDestination destination() {
    return (ReplicationDestination) resource;
  }

  /** The restic section (null when the resource has none). */
  public MoverSettings restic() {
    return key.source() ? source().getSpec().restic() : destination().getSpec().restic();
  }

  public TriggerSpec trigger() {
    return key.source() ? source().getSpec().trigger() : destination().getSpec().trigger();
  }

  public boolean paused() {
    return key.source() ? source().getSpec().isPaused() : destination().getSpec().isPaused();
  }

  /** The claim the resource names (sourcePVC, destinationPVC), or null. */
  public String claim() {
    return key.source() ? source().getSpec().sourcePVC()
        : destination().getSpec().restic() == null ? null
            : destination().getSpec().restic().destinationPVC();
  }

  /** The annotation value of {@link #VOLUME_PATH}, or null. */
  public String volumePath() {
    Map<String, String> a = resource.getMetadata().getAnnotations();
    return a == null ? null : a.get(VOLUME_PATH);
  }
}
