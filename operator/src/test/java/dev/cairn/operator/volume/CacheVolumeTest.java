package dev.cairn.operator.volume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.operator.api.v1alpha1.ResticSourceSpec;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cache PVC on fabric8's mock API server, with Volsync's fallbacks (volsync-reference.md
 * 1.1): size {@code cacheCapacity} else 1Gi; class {@code cacheStorageClassName}, then {@code
 * storageClassName}, then none (the cluster's default, not the data volume's); access modes
 * {@code cacheAccessModes}, then {@code accessModes}, then the data volume's.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class CacheVolumeTest {
  private static final String NS = "apps";
  private static final String CACHE = "volsync-src-app-cache";
  private static final OwnerReference OWNER = new OwnerReferenceBuilder()
      .withApiVersion("volsync.backube/v1alpha1").withKind("ReplicationSource").withName("app")
      .withUid("uid-1").withController(true).withBlockOwnerDeletion(true).build();
  private static final Map<String, String> LABELS = Map.of("app.kubernetes.io/created-by",
      "volsync", "app.kubernetes.io/managed-by", "cairn");
  /** The data volume: class "standard", ReadWriteMany. */
  private static final PersistentVolumeClaim DATA = new PersistentVolumeClaimBuilder()
      .withNewMetadata().withName("data").withNamespace(NS).endMetadata().withNewSpec()
      .withStorageClassName("standard").withAccessModes("ReadWriteMany").withNewResources()
      .addToRequests("storage", new Quantity("50Gi")).endResources().endSpec().build();

  KubernetesClient client;

  private static ResticSourceSpec spec(String cacheCapacity, String cacheClass,
      List<String> cacheModes, String storageClass, List<String> accessModes) {
    return new ResticSourceSpec("Snapshot", new Quantity("50Gi"), storageClass, accessModes,
        null, null, "app-volsync-secret", null, null,
        cacheCapacity == null ? null : new Quantity(cacheCapacity), cacheClass, cacheModes,
        null, null, null, null, null, null, null);
  }

  private Ensured<PersistentVolumeClaim> ensure(ResticSourceSpec spec, PersistentVolumeClaim data) {
    return new CacheVolume(client).ensure(NS, CACHE, spec, data, LABELS, OWNER);
  }

  private PersistentVolumeClaim cache() {
    return client.persistentVolumeClaims().inNamespace(NS).withName(CACHE).get();
  }

  @Test
  void aCacheWithNothingSetIsOneGibibyteOfTheDefaultClassWithTheDatasModes() {
    Ensured<PersistentVolumeClaim> e = ensure(spec(null, null, null, null, null), DATA);
    assertThat(e).isInstanceOf(Ensured.Ready.class);
    PersistentVolumeClaim c = ((Ensured.Ready<PersistentVolumeClaim>) e).value();
    assertThat(c.getMetadata().getName()).isEqualTo(CACHE);
    assertThat(cache()).isNotNull();
    assertThat(Claims.requested(cache())).isEqualTo(new Quantity("1Gi"));
    assertThat(cache().getSpec().getStorageClassName())
        .as("Volsync's code: the cluster's default, not the data volume's class").isNull();
    assertThat(cache().getSpec().getAccessModes()).containsExactly("ReadWriteMany");
    assertThat(cache().getSpec().getDataSource()).isNull();
  }

  @Test
  void theCacheCarriesTheLabelsAndTheOwner() {
    ensure(spec(null, null, null, null, null), DATA);
    assertThat(cache().getMetadata().getLabels()).isEqualTo(LABELS);
    assertThat(cache().getMetadata().getOwnerReferences()).containsExactly(OWNER);
  }

  @Test
  void theCacheFieldsComeFirst() {
    ensure(spec("3Gi", "cache-class", List.of("ReadWriteOncePod"), "copy-class",
        List.of("ReadWriteOnce")), DATA);
    assertThat(Claims.requested(cache())).isEqualTo(new Quantity("3Gi"));
    assertThat(cache().getSpec().getStorageClassName()).isEqualTo("cache-class");
    assertThat(cache().getSpec().getAccessModes()).containsExactly("ReadWriteOncePod");
  }

  @Test
  void thenTheCopysClassAndModes() {
    ensure(spec(null, null, null, "copy-class", List.of("ReadWriteOnce")), DATA);
    assertThat(cache().getSpec().getStorageClassName()).isEqualTo("copy-class");
    assertThat(cache().getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(Claims.requested(cache())).as("the copy's capacity is not the cache's")
        .isEqualTo(new Quantity("1Gi"));
  }

  @Test
  void emptyValuesAreUnset() {
    ensure(spec(null, "", List.of(), "", List.of()), DATA);
    assertThat(cache().getSpec().getStorageClassName()).isNull();
    assertThat(cache().getSpec().getAccessModes()).containsExactly("ReadWriteMany");
  }

  @Test
  void aDataVolumeWithoutSpecDoesNotBreakTheFallback() {
    ensure(spec(null, null, null, null, null), new PersistentVolumeClaim());
    assertThat(cache().getSpec().getAccessModes()).isNullOrEmpty();
  }

  @Test
  void anExistingCacheIsKeptAsItIs() {
    ensure(spec(null, null, null, null, null), DATA);
    Ensured<PersistentVolumeClaim> again = ensure(spec("9Gi", "other", List.of("ReadWriteOnce"),
        null, null), DATA);
    assertThat(again).isInstanceOf(Ensured.Ready.class);
    assertThat(Claims.requested(((Ensured.Ready<PersistentVolumeClaim>) again).value()))
        .isEqualTo(new Quantity("1Gi"));
    assertThat(Claims.requested(cache())).isEqualTo(new Quantity("1Gi"));
    assertThat(client.persistentVolumeClaims().inNamespace(NS).list().getItems()).hasSize(1);
  }

  @Test
  void aCacheStillBeingDeletedIsWaitedFor() {
    ensure(spec(null, null, null, null, null), DATA);
    Resource<PersistentVolumeClaim> r = client.persistentVolumeClaims().inNamespace(NS)
        .withName(CACHE);
    r.edit(pvc -> new PersistentVolumeClaimBuilder(pvc).editMetadata()
        .withFinalizers("kubernetes.io/pvc-protection").endMetadata().build());
    r.delete();
    Ensured<PersistentVolumeClaim> e = ensure(spec(null, null, null, null, null), DATA);
    assertThat(e).isEqualTo(Ensured.waiting("the previous cache " + CACHE
        + " is still being deleted"));
  }

  @Test
  void aCacheIsReadyBeforeItIsBound() {
    // WaitForFirstConsumer: the mover's pod binds it
    Ensured<PersistentVolumeClaim> e = ensure(spec(null, null, null, null, null), DATA);
    assertThat(e).isInstanceOf(Ensured.Ready.class);
    assertThat(Claims.bound(cache())).isFalse();
  }
}
