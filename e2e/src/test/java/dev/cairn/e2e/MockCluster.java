package dev.cairn.e2e;

import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * fabric8's mock API server in CRUD mode with Cairn's CRDs (from {@code deploy/crds/}, as a user
 * applies them) and minimal CSI snapshot CRDs installed, and helpers for the objects a cluster
 * would already hold (namespaces, PVCs, Secrets, a VolumeSnapshotClass).
 */
final class MockCluster implements AutoCloseable {
  static final Path CRDS = Path.of("..", "deploy", "crds");
  /** The User-Agent of {@link #operatorClient()}, which tells the operator's requests apart. */
  static final String OPERATOR_AGENT = "cairn-operator/e2e";

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final KubernetesClient operatorClient;
  private final ApiServerDispatcher dispatcher = new ApiServerDispatcher();

  MockCluster() {
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()),
        new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    client = server.createClient();
    operatorClient = server.createClient(b -> b.withConfig(
        new ConfigBuilder(client.getConfiguration()).withUserAgent(OPERATOR_AGENT).build()));
    for (String file : List.of("replicationsources.volsync.backube.yaml",
        "replicationdestinations.volsync.backube.yaml")) {
      client.apiextensions().v1().customResourceDefinitions()
          .load(CRDS.resolve(file).toFile()).create();
    }
    try (InputStream in = MockCluster.class.getResourceAsStream("/crds/volumesnapshots.yaml")) {
      for (HasMetadata crd : client.load(in).items()) {
        client.resource(crd).create();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  KubernetesClient client() {
    return client;
  }

  /** A client of its own for the operator, sending {@link #OPERATOR_AGENT}. */
  KubernetesClient operatorClient() {
    return operatorClient;
  }

  /** Every request the API server received so far. */
  List<ApiServerDispatcher.Request> requests() {
    return dispatcher.requests();
  }

  void namespace(String name, Map<String, String> annotations) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .withAnnotations(annotations).endMetadata().build()).create();
  }

  /** A bound PVC, as an application's. */
  PersistentVolumeClaim pvc(String ns, String name, String size, String storageClass,
      String... accessModes) {
    PersistentVolumeClaim pvc = new PersistentVolumeClaimBuilder()
        .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewSpec().withAccessModes(accessModes).withStorageClassName(storageClass)
        .withNewResources().withRequests(Map.of("storage", new Quantity(size))).endResources()
        .endSpec()
        .withNewStatus().withPhase("Bound").withAccessModes(accessModes)
        .withCapacity(Map.of("storage", new Quantity(size))).endStatus()
        .build();
    return client.persistentVolumeClaims().inNamespace(ns).resource(pvc).create();
  }

  void secret(String ns, String name, Map<String, String> data) {
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata()
        .withName(name).withNamespace(ns).endMetadata().withStringData(null)
        .withData(encode(data)).build()).create();
  }

  private static Map<String, String> encode(Map<String, String> data) {
    Map<String, String> out = new HashMap<>();
    data.forEach((k, v) -> out.put(k, java.util.Base64.getEncoder().encodeToString(
        v.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    return out;
  }

  void snapshotClass(String name, boolean isDefault) {
    GenericKubernetesResource c = new GenericKubernetesResourceBuilder()
        .withApiVersion("snapshot.storage.k8s.io/v1").withKind("VolumeSnapshotClass")
        .withNewMetadata().withName(name)
        .withAnnotations(isDefault
            ? Map.of("snapshot.storage.kubernetes.io/is-default-class", "true") : Map.of())
        .endMetadata().build();
    c.setAdditionalProperty("driver", "rbd.csi.ceph.com");
    c.setAdditionalProperty("deletionPolicy", "Delete");
    client.resource(c).create();
  }

  /** Creates a custom resource of {@code type} from YAML on the class path, in {@code ns}. */
  <T extends HasMetadata> T apply(String ns, String classpathYaml, Class<T> type) {
    try (InputStream in = MockCluster.class.getResourceAsStream(classpathYaml)) {
      T o = client.resources(type).load(in).item();
      o.getMetadata().setNamespace(ns);
      return client.resources(type).inNamespace(ns).resource(o).create();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Creates a custom resource of {@code type} from YAML text, in {@code ns}. */
  <T extends HasMetadata> T applyYaml(String ns, String yaml, Class<T> type) {
    T o = parse(yaml, type);
    o.getMetadata().setNamespace(ns);
    return client.resources(type).inNamespace(ns).resource(o).create();
  }

  /** A resource of {@code type} from YAML text, not sent anywhere. */
  <T extends HasMetadata> T parse(String yaml, Class<T> type) {
    return client.resources(type).load(new java.io.ByteArrayInputStream(
        yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))).item();
  }

  ReplicationSource source(String ns, String name) {
    return client.resources(ReplicationSource.class).inNamespace(ns).withName(name).get();
  }

  ReplicationDestination destination(String ns, String name) {
    return client.resources(ReplicationDestination.class).inNamespace(ns).withName(name).get();
  }

  @Override
  public void close() {
    operatorClient.close();
    client.close();
    server.destroy();
  }
}
