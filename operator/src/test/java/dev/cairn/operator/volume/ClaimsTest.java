package dev.cairn.operator.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The claims a sync creates, and the pieces of Volsync's fallbacks: the first value that is set
 * (null, an empty list and an empty string are unset), a claim's requested and actual size, and
 * whether it is bound. The claim built is created on fabric8's mock API server and read back.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ClaimsTest {
  private static final OwnerReference OWNER = new OwnerReferenceBuilder()
      .withApiVersion("volsync.backube/v1alpha1").withKind("ReplicationSource").withName("app")
      .withUid("uid-1").withController(true).build();

  KubernetesClient client;

  @Test
  void firstSkipsNullEmptyListsAndEmptyStrings() {
    assertThat(Claims.<Object>first(null, List.of(), "", "fast")).isEqualTo("fast");
    assertThat(Claims.first(null, List.of("ReadWriteMany"), List.of("ReadWriteOnce")))
        .containsExactly("ReadWriteMany");
    assertThat(Claims.first(new Quantity("2Gi"), Claims.DEFAULT_CACHE))
        .isEqualTo(new Quantity("2Gi"));
    assertThat(Claims.first(null, Claims.DEFAULT_CACHE)).isEqualTo(new Quantity("1Gi"));
  }

  @Test
  void firstOfNothingIsNull() {
    assertThat(Claims.<String>first()).isNull();
    assertThat(Claims.<Object>first(null, "", List.of())).isNull();
  }

  private static PersistentVolumeClaim pvc(String request, String actual, String phase) {
    PersistentVolumeClaimBuilder b = new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName("data").endMetadata();
    if (request != null) {
      b.withNewSpec().withNewResources().addToRequests("storage", new Quantity(request))
          .endResources().endSpec();
    }
    if (actual != null || phase != null) {
      b.withNewStatus().withPhase(phase)
          .withCapacity(actual == null ? null : Map.of("storage", new Quantity(actual)))
          .endStatus();
    }
    return b.build();
  }

  @Test
  void requestedIsTheStorageRequest() {
    assertThat(Claims.requested(pvc("5Gi", "8Gi", "Bound"))).isEqualTo(new Quantity("5Gi"));
    assertThat(Claims.requested(pvc(null, "8Gi", "Bound"))).isNull();
    assertThat(Claims.requested(new PersistentVolumeClaimBuilder().withNewSpec().endSpec()
        .build())).isNull();
  }

  @Test
  void actualIsTheBoundCapacity() {
    assertThat(Claims.actual(pvc("5Gi", "8Gi", "Bound"))).isEqualTo(new Quantity("8Gi"));
    assertThat(Claims.actual(pvc("5Gi", null, "Pending"))).isNull();
    assertThat(Claims.actual(pvc("5Gi", null, null))).isNull();
  }

  @Test
  void onlyPhaseBoundIsBound() {
    assertThat(Claims.bound(pvc("5Gi", "8Gi", "Bound"))).isTrue();
    assertThat(Claims.bound(pvc("5Gi", null, "Pending"))).isFalse();
    assertThat(Claims.bound(pvc("5Gi", null, "Lost"))).isFalse();
    assertThat(Claims.bound(pvc("5Gi", null, null))).isFalse();
  }

  @Test
  void theDefaultCacheIsOneGibibyte() {
    assertThat(Quantity.getAmountInBytes(Claims.DEFAULT_CACHE).longValueExact())
        .isEqualTo(1L << 30);
  }

  @Test
  void aClaimHasEveryFieldItWasGiven() {
    var source = new TypedLocalObjectReference("snapshot.storage.k8s.io", "VolumeSnapshot",
        "volsync-app-src");
    PersistentVolumeClaim c = Claims.claim("apps", "volsync-app-src", new Quantity("3Gi"),
        "fast", List.of("ReadWriteOnce"), source, "Block",
        Map.of("volsync.backube/cleanup", "uid-1"), OWNER);
    assertThat(c.getMetadata().getName()).isEqualTo("volsync-app-src");
    assertThat(c.getMetadata().getNamespace()).isEqualTo("apps");
    assertThat(c.getMetadata().getLabels()).containsExactly(
        Map.entry("volsync.backube/cleanup", "uid-1"));
    assertThat(c.getMetadata().getOwnerReferences()).containsExactly(OWNER);
    assertThat(c.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(c.getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(c.getSpec().getVolumeMode()).isEqualTo("Block");
    assertThat(c.getSpec().getDataSource()).isEqualTo(source);
    assertThat(Claims.requested(c)).isEqualTo(new Quantity("3Gi"));
  }

  @Test
  void aClaimWithoutClassOrSourceLeavesThemUnset() {
    PersistentVolumeClaim c = Claims.claim("apps", "cache", Claims.DEFAULT_CACHE, null,
        List.of("ReadWriteOnce"), null, null, Map.of(), OWNER);
    assertThat(c.getSpec().getStorageClassName()).as("the cluster's default class").isNull();
    assertThat(c.getSpec().getDataSource()).isNull();
    assertThat(c.getSpec().getVolumeMode()).isNull();
  }

  @Test
  void aClaimRoundTripsThroughTheApiServer() {
    PersistentVolumeClaim c = Claims.claim("apps", "volsync-app-src", new Quantity("3Gi"),
        "fast", List.of("ReadOnlyMany"),
        new TypedLocalObjectReference(null, "PersistentVolumeClaim", "data"), "Filesystem",
        Map.of("app.kubernetes.io/created-by", "volsync"), OWNER);
    client.persistentVolumeClaims().inNamespace("apps").resource(c).create();
    PersistentVolumeClaim read = client.persistentVolumeClaims().inNamespace("apps")
        .withName("volsync-app-src").get();
    assertThat(read.getSpec()).isEqualTo(c.getSpec());
    assertThat(read.getMetadata().getLabels()).isEqualTo(c.getMetadata().getLabels());
    assertThat(read.getMetadata().getOwnerReferences()).containsExactly(OWNER);
  }
}
