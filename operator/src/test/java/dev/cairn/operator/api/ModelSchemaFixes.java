package dev.cairn.operator.api;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.operator.api.v1alpha1.CopyMethod;
import dev.cairn.operator.api.v1alpha1.ReplicationDestinationStatus;
import dev.cairn.operator.api.v1alpha1.ReplicationSourceStatus;
import dev.cairn.operator.api.v1alpha1.ResticDestinationSpec;
import dev.cairn.operator.api.v1alpha1.ResticDestinationStatus;
import dev.cairn.operator.api.v1alpha1.ResticSourceSpec;
import dev.cairn.operator.api.v1alpha1.ResticSourceStatus;
import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.NFSVolumeSource;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceClaim;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What fabric8's CRD generator leaves out of a schema, put back by walking the schema alongside
 * the Java types it was generated from (Jackson's view of each class, so records and fabric8's
 * model classes alike): Quantity's pattern, {@code int32}/{@code int64} formats, enum values in
 * declaration order, free-form maps without the generator's {@code additionalProperties: {type:
 * object}} (which would demand every value be an object), and the {@code required} fields and
 * constraints that Kubernetes' Go types carry and fabric8's model classes do not (as Volsync's
 * CRD has them).
 */
final class ModelSchemaFixes {
  /** The pattern Kubernetes gives every {@code resource.Quantity} in a CRD. */
  static final String QUANTITY_PATTERN =
      "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?"
          + "(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";

  private static final Map<String, Object> DATE_TIME = Map.of("format", "date-time");

  /** Fields the Go types mark required (no {@code omitempty}). */
  private static final Map<Class<?>, List<String>> REQUIRED = Map.ofEntries(
      Map.entry(AppArmorProfile.class, List.of("type")),
      Map.entry(Condition.class,
          List.of("lastTransitionTime", "message", "reason", "status", "type")),
      Map.entry(KeyToPath.class, List.of("key", "path")),
      Map.entry(LabelSelectorRequirement.class, List.of("key", "operator")),
      Map.entry(NFSVolumeSource.class, List.of("path", "server")),
      Map.entry(NodeSelector.class, List.of("nodeSelectorTerms")),
      Map.entry(NodeSelectorRequirement.class, List.of("key", "operator")),
      Map.entry(PersistentVolumeClaimVolumeSource.class, List.of("claimName")),
      Map.entry(PodAffinityTerm.class, List.of("topologyKey")),
      Map.entry(PreferredSchedulingTerm.class, List.of("preference", "weight")),
      Map.entry(ResourceClaim.class, List.of("name")),
      Map.entry(SeccompProfile.class, List.of("type")),
      Map.entry(Sysctl.class, List.of("name", "value")),
      Map.entry(TypedLocalObjectReference.class, List.of("kind", "name")),
      Map.entry(WeightedPodAffinityTerm.class, List.of("podAffinityTerm", "weight")));

  /** Keywords to add to a property, by the class that declares it. */
  private static final Map<String, Object> COPY_METHOD = Map.of("enum",
      Arrays.stream(CopyMethod.values()).map(Enum::name).toList());

  private static final Map<Class<?>, Map<String, Map<String, Object>>> CONSTRAINTS = Map.of(
      ResticSourceSpec.class, Map.of("copyMethod", COPY_METHOD),
      ResticDestinationSpec.class, Map.of("restoreAsOf", DATE_TIME, "copyMethod", COPY_METHOD),
      ResticSourceStatus.class, Map.of("lastPruned", DATE_TIME),
      ResticDestinationStatus.class, Map.of("restoredSnapshotTime", DATE_TIME),
      ReplicationSourceStatus.class, statusTimes(),
      ReplicationDestinationStatus.class, statusTimes(),
      // metav1.Condition's validation markers
      Condition.class, Map.of(
          "lastTransitionTime", DATE_TIME,
          "message", Map.of("maxLength", 32768),
          "observedGeneration", Map.of("minimum", 0),
          "reason", Map.of("maxLength", 1024, "minLength", 1,
              "pattern", "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$"),
          "status", Map.of("enum", List.of("True", "False", "Unknown")),
          "type", Map.of("maxLength", 316, "pattern",
              "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
                  + "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")));

  private final ObjectMapper mapper = new ObjectMapper();

  private static Map<String, Map<String, Object>> statusTimes() {
    return Map.of("lastSyncTime", DATE_TIME, "lastSyncStartTime", DATE_TIME,
        "nextSyncTime", DATE_TIME);
  }

  /** Fixes {@code schema}, generated from {@code type}, in place. */
  void apply(ObjectNode schema, Class<?> type) {
    fix(schema, mapper.constructType(type));
  }

  private void fix(ObjectNode schema, JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == Quantity.class) {
      schema.put("pattern", QUANTITY_PATTERN);
    } else if (raw == Integer.class || raw == int.class) {
      schema.put("format", "int32");
    } else if (raw == Long.class || raw == long.class) {
      schema.put("format", "int64");
    } else if (raw.isEnum()) {
      ArrayNode values = schema.putArray("enum");
      Arrays.stream(raw.getEnumConstants()).forEach(c -> values.add(((Enum<?>) c).name()));
    } else if (Collection.class.isAssignableFrom(raw)) {
      fixChild(schema.get("items"), type.getContentType());
    } else if (Map.class.isAssignableFrom(raw)) {
      if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
        schema.remove("additionalProperties");
      } else {
        fixChild(schema.get("additionalProperties"), type.getContentType());
      }
    } else if (schema.has("properties")) {
      fixProperties(schema, type);
    }
  }

  private void fixProperties(ObjectNode schema, JavaType type) {
    ObjectNode properties = (ObjectNode) schema.get("properties");
    List<BeanPropertyDefinition> beanProperties =
        mapper.getSerializationConfig().introspect(type).findProperties();
    for (BeanPropertyDefinition property : beanProperties) {
      fixChild(properties.get(property.getName()), property.getPrimaryType());
    }
    Class<?> raw = type.getRawClass();
    CONSTRAINTS.getOrDefault(raw, Map.of()).forEach((name, keywords) -> {
      ObjectNode property = (ObjectNode) properties.get(name);
      if (property == null) {
        throw new IllegalStateException(raw.getSimpleName() + " has no property " + name);
      }
      keywords.forEach((keyword, value) -> property.set(keyword, mapper.valueToTree(value)));
    });
    List<String> required = REQUIRED.get(raw);
    if (required != null) {
      schema.set("required", mapper.valueToTree(required));
    }
  }

  private void fixChild(JsonNode child, JavaType type) {
    if (child instanceof ObjectNode node && type != null) {
      fix(node, type);
    }
  }
}
