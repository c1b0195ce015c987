package dev.cairn.e2e;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.cairn.operator.api.CrdSchema;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks rendered manifests against their kinds' schemas: Cairn's custom resources against the
 * CRDs in {@code deploy/crds/} ({@link CrdSchema}, as the API server under {@code
 * --validate=strict}); the third-party kinds against the schemas in {@code /schemas/}; the
 * built-in kinds by loading them into fabric8's typed model strictly: a scalar of the wrong type
 * is refused (no coercion of {@code "1000"} to a number or back), and a field the model does
 * not know, which fabric8 would keep aside as an additional property, is an error naming its
 * path. A kind none of these covers is an error too.
 */
final class ManifestCheck {
  private static final Map<String, Class<? extends HasMetadata>> BUILT_IN = Map.ofEntries(
      Map.entry("v1/Namespace", Namespace.class),
      Map.entry("v1/ServiceAccount", ServiceAccount.class),
      Map.entry("v1/Service", Service.class),
      Map.entry("v1/Secret", Secret.class),
      Map.entry("v1/ConfigMap", ConfigMap.class),
      Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
      Map.entry("apps/v1/Deployment", Deployment.class),
      Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", ClusterRole.class),
      Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", ClusterRoleBinding.class),
      Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
      Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
      Map.entry("apiextensions.k8s.io/v1/CustomResourceDefinition",
          CustomResourceDefinition.class));
  private static final Map<String, CrdSchema> CUSTOM = Map.of(
      "volsync.backube/v1alpha1/ReplicationSource",
      CrdSchema.load(MockCluster.CRDS.resolve("replicationsources.volsync.backube.yaml")),
      "volsync.backube/v1alpha1/ReplicationDestination",
      CrdSchema.load(MockCluster.CRDS.resolve("replicationdestinations.volsync.backube.yaml")),
      "external-secrets.io/v1beta1/ExternalSecret", schema("externalsecret-v1beta1.yaml"),
      "monitoring.coreos.com/v1/ServiceMonitor", schema("servicemonitor-v1.yaml"),
      "monitoring.coreos.com/v1/PrometheusRule", schema("prometheusrule-v1.yaml"));
  private static final ObjectMapper STRICT = strictMapper();

  private ManifestCheck() {}

  /** The errors of {@code object}, each naming the object; empty when it is valid. */
  static List<String> errors(JsonNode object) {
    String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    String which = type + " " + object.path("metadata").path("name").asText() + ": ";
    List<String> errors = new ArrayList<>();
    if (CUSTOM.containsKey(type)) {
      CUSTOM.get(type).validate(object).forEach(e -> errors.add(which + e));
    } else if (BUILT_IN.containsKey(type)) {
      try {
        Object typed = STRICT.treeToValue(object, BUILT_IN.get(type));
        unknownFields(typed, "", errors);
      } catch (JsonMappingException e) {
        errors.add(which + path(e) + ": " + e.getOriginalMessage().lines().findFirst()
            .orElse(""));
      } catch (IOException e) {
        errors.add(which + e.getMessage());
      }
      errors.replaceAll(e -> e.startsWith(which) ? e : which + e);
    } else {
      errors.add(which + "no schema for this kind");
    }
    return errors;
  }

  /** Walks fabric8 model objects; any additional property is a field the model lacks. */
  private static void unknownFields(Object o, String path, List<String> errors) {
    if (o instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        unknownFields(list.get(i), path + "[" + i + "]", errors);
      }
      return;
    }
    if (o instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, errors));
      return;
    }
    if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || !m.getName().startsWith("get")
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(o);
      } catch (ReflectiveOperationException e) {
        continue; // a derived getter (e.g. a Quantity's number) that does not apply here
      }
      if (m.getName().equals("getAdditionalProperties") && value instanceof Map<?, ?>) {
        ((Map<?, ?>) value).keySet().forEach(k -> errors.add(
            (path.isEmpty() ? "" : path.substring(1) + ".") + k + ": unknown field"));
      } else {
        unknownFields(value, path + "." + decapitalize(m.getName().substring(3)), errors);
      }
    }
  }

  /** The field path of a mapping error, such as {@code spec.template.spec.containers[0]}. */
  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      out.append(r.getFieldName() != null ? (out.isEmpty() ? "" : ".") + r.getFieldName()
          : "[" + r.getIndex() + "]");
    }
    return out.toString();
  }

  private static String decapitalize(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static ObjectMapper strictMapper() {
    JsonMapper mapper = JsonMapper.builder()
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS).build();
    for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
        CoercionInputShape.Float, CoercionInputShape.Boolean}) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    return mapper;
  }

  /** A schema file of {@code /schemas/}, read with SnakeYAML, which expands its anchors. */
  private static CrdSchema schema(String file) {
    try (InputStream in = ManifestCheck.class.getResourceAsStream("/schemas/" + file)) {
      Object tree = new Yaml().load(in);
      return CrdSchema.of(new ObjectMapper().valueToTree(tree));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
