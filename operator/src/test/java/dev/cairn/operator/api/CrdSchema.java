package dev.cairn.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CRD's structural schema ({@code openAPIV3Schema}), checking objects as the API server does
 * under {@code kubectl --validate=strict}: {@code type} (string, integer, number, boolean,
 * object, array), {@code x-kubernetes-int-or-string}, {@code enum}, {@code pattern} (as a Java
 * regex, searched for anywhere in the string as Go's {@code MatchString} does), {@code format:
 * date-time} (RFC 3339), {@code minItems}/{@code maxItems}, {@code minLength}/{@code
 * maxLength}, {@code minimum}/{@code maximum}, {@code required} and {@code nullable}; a field
 * the schema does not name is an error unless its object has {@code
 * x-kubernetes-preserve-unknown-fields}. As on the server, a {@code null} field whose schema is
 * not nullable is dropped rather than rejected, {@code apiVersion} and {@code kind} are strings
 * and {@code metadata} is only checked to be an object. Other formats ({@code int32}, {@code
 * int64}) and the list and map types of server-side apply are not checked; a schema using a
 * keyword this class does not know (defaults, CEL rules, {@code oneOf} ...) is refused when
 * loaded, so that nothing is silently skipped.
 */
public final class CrdSchema {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Set<String> KNOWN = Set.of("type", "properties", "additionalProperties",
      "items", "required", "enum", "pattern", "format", "minItems", "maxItems", "minLength",
      "maxLength", "minimum", "maximum", "nullable", "description", "anyOf",
      "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields",
      "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type");

  private final JsonNode root;

  private CrdSchema(JsonNode root) {
    checkKeywords(root, "");
    this.root = root;
  }

  /** The schema of the storage version of the CRD in {@code crdYaml}. */
  public static CrdSchema load(Path crdYaml) {
    JsonNode crd = readYaml(crdYaml);
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (version.path("storage").asBoolean()) {
        return of(version.path("schema").path("openAPIV3Schema"));
      }
    }
    throw new IllegalArgumentException(crdYaml + " has no storage version");
  }

  /** A schema given as the {@code openAPIV3Schema} node itself. */
  public static CrdSchema of(JsonNode openApiV3Schema) {
    return new CrdSchema(openApiV3Schema);
  }

  /** Reads one YAML document. */
  public static JsonNode readYaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The schema of a field, by a path such as {@code spec.restic.retain.last}; {@code []} steps
   * into array items ({@code spec.restic.accessModes[]}), {@code {}} into map values.
   */
  public Optional<JsonNode> at(String path) {
    JsonNode node = root;
    for (String step : path.replace("[]", ".[]").replace("{}", ".{}").split("\\.")) {
      node = switch (step) {
        case "[]" -> node.path("items");
        case "{}" -> node.path("additionalProperties");
        default -> node.path("properties").path(step);
      };
    }
    return node.isMissingNode() ? Optional.empty() : Optional.of(node);
  }

  /**
   * The errors of {@code object} (a {@link JsonNode}, or anything Jackson turns into one, such
   * as a {@code Map}), each as {@code path: what is wrong}, e.g. {@code
   * spec.restic.retain.hourly: want integer, got string "24"}; empty when it is valid.
   */
  public List<String> validate(Object object) {
    JsonNode value = object instanceof JsonNode node ? node : YAML.valueToTree(object);
    List<String> errors = new ArrayList<>();
    if (!value.isObject()) {
      errors.add("<root>: want object, got " + SchemaCheck.describe(value));
      return errors;
    }
    ObjectNode withoutMeta = ((ObjectNode) value).deepCopy();
    checkMeta(withoutMeta, errors);
    new SchemaCheck(errors).check(withoutMeta, withRootFieldsAllowed(), "");
    return errors;
  }

  /** The server checks apiVersion, kind and metadata itself, before the schema. */
  private static void checkMeta(ObjectNode object, List<String> errors) {
    for (String field : List.of("apiVersion", "kind")) {
      JsonNode value = object.remove(field);
      if (value != null && !value.isTextual()) {
        errors.add(field + ": want string, got " + SchemaCheck.describe(value));
      }
    }
    JsonNode metadata = object.remove("metadata");
    if (metadata != null && !metadata.isObject()) {
      errors.add("metadata: want object, got " + SchemaCheck.describe(metadata));
    }
  }

  private JsonNode withRootFieldsAllowed() {
    ObjectNode copy = root.deepCopy();
    if (copy.get("properties") instanceof ObjectNode properties) {
      properties.remove(List.of("apiVersion", "kind", "metadata"));
    }
    return copy;
  }

  private static void checkKeywords(JsonNode schema, String path) {
    Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String keyword = field.getKey();
      if (!KNOWN.contains(keyword)) {
        throw new IllegalArgumentException(
            "schema keyword " + keyword + " at " + show(path) + " is not supported");
      }
      if (keyword.equals("anyOf") && !schema.path("x-kubernetes-int-or-string").asBoolean()) {
        throw new IllegalArgumentException(
            "anyOf at " + show(path) + " is only supported with x-kubernetes-int-or-string");
      }
      if (keyword.equals("pattern")) {
        Pattern.compile(field.getValue().asText());
      }
    }
    schema.path("properties").fields()
        .forEachRemaining(p -> checkKeywords(p.getValue(), join(path, p.getKey())));
    if (schema.path("items").isObject()) {
      checkKeywords(schema.get("items"), path + "[]");
    }
    if (schema.path("additionalProperties").isObject()) {
      checkKeywords(schema.get("additionalProperties"), path + "{}");
    }
  }

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  static String show(String path) {
    return path.isEmpty() ? "<root>" : path;
  }
}
