package dev.cairn.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of {@link CrdSchema}, on a tiny schema written as YAML under {@code spec}. */
class CrdSchemaTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  /** The errors of {@code object} against a root whose {@code spec} has {@code specSchema}. */
  private static List<String> errors(String specSchema, String object) {
    String root = "type: object\nproperties:\n  spec:\n"
        + specSchema.indent(4);
    return CrdSchema.of(yaml(root)).validate(yaml(object));
  }

  private static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final String HOURLY = """
      type: object
      properties:
        hourly: {type: integer}
      """;

  @Test
  void typesAreChecked() {
    assertThat(errors(HOURLY, "spec: {hourly: 24}")).isEmpty();
    assertThat(errors(HOURLY, "spec: {hourly: '24'}"))
        .containsExactly("spec.hourly: want integer, got string \"24\"");
    assertThat(errors(HOURLY, "spec: {hourly: 2.5}"))
        .containsExactly("spec.hourly: want integer, got number 2.5");
    assertThat(errors(HOURLY, "spec: [1]")).containsExactly("spec: want object, got array");
    String all = """
        type: object
        properties:
          s: {type: string}
          n: {type: number}
          b: {type: boolean}
          a: {type: array, items: {type: string}}
        """;
    assertThat(errors(all, "spec: {s: x, n: 1.5, b: true, a: [x]}")).isEmpty();
    assertThat(errors(all, "spec: {s: 1, n: x, b: 'true', a: [1]}")).containsExactly(
        "spec.s: want string, got integer 1",
        "spec.n: want number, got string \"x\"",
        "spec.b: want boolean, got string \"true\"",
        "spec.a[0]: want string, got integer 1");
  }

  @Test
  void unknownFieldsAreErrorsUnlessPreserved() {
    assertThat(errors(HOURLY, "spec: {hourli: 24}")).containsExactly("spec.hourli: unknown field");
    String free = """
        type: object
        x-kubernetes-preserve-unknown-fields: true
        properties:
          hourly: {type: integer}
        """;
    assertThat(errors(free, "spec: {anything: {goes: [1]}, hourly: 2}")).isEmpty();
    assertThat(errors(free, "spec: {hourly: x}"))
        .containsExactly("spec.hourly: want integer, got string \"x\"");
    assertThat(errors(HOURLY, "{spec: {}, extra: 1}")).containsExactly("extra: unknown field");
  }

  @Test
  void mapValuesFollowAdditionalProperties() {
    String labels = "type: object\nadditionalProperties: {type: string}";
    assertThat(errors(labels, "spec: {a: x, b: y}")).isEmpty();
    assertThat(errors(labels, "spec: {a: 1}")).containsExactly("spec.a: want string, got integer 1");
  }

  @Test
  void apiVersionKindAndMetadataAreTheServers() {
    assertThat(errors(HOURLY, "{apiVersion: v1, kind: X, metadata: {name: a, labels: {b: c}}}"))
        .isEmpty();
    assertThat(errors(HOURLY, "{apiVersion: 1, metadata: []}")).containsExactly(
        "apiVersion: want string, got integer 1", "metadata: want object, got array");
  }

  @Test
  void intOrStringTakesEitherAndPatternAppliesToStrings() {
    String quantity = """
        x-kubernetes-int-or-string: true
        anyOf: [{type: integer}, {type: string}]
        pattern: ^[0-9]+(Gi|Mi)?$
        """;
    assertThat(errors(quantity, "spec: 5Gi")).isEmpty();
    assertThat(errors(quantity, "spec: 1024")).isEmpty();
    assertThat(errors(quantity, "spec: 5 GB"))
        .containsExactly("spec: \"5 GB\" does not match ^[0-9]+(Gi|Mi)?$");
    assertThat(errors(quantity, "spec: true"))
        .containsExactly("spec: want integer or string, got boolean true");
  }

  @Test
  void enumPatternAndLengthsAreChecked() {
    assertThat(errors("type: string\nenum: [Direct, Snapshot]", "spec: Snapshot")).isEmpty();
    assertThat(errors("type: string\nenum: [Direct, Snapshot]", "spec: Copy"))
        .containsExactly("spec: \"Copy\" is not one of [\"Direct\",\"Snapshot\"]");
    // unanchored, as Go's MatchString: the pattern is searched for
    assertThat(errors("type: string\npattern: b+", "spec: abba")).isEmpty();
    assertThat(errors("type: string\npattern: ^b+$", "spec: abba"))
        .containsExactly("spec: \"abba\" does not match ^b+$");
    assertThat(errors("type: string\nminLength: 2\nmaxLength: 3", "spec: a"))
        .containsExactly("spec: shorter than 2 characters");
    assertThat(errors("type: string\nminLength: 2\nmaxLength: 3", "spec: abcd"))
        .containsExactly("spec: longer than 3 characters");
  }

  @Test
  void dateTimeIsRfc3339() {
    String dateTime = "type: string\nformat: date-time";
    assertThat(errors(dateTime, "spec: '2024-05-01T10:00:00Z'")).isEmpty();
    assertThat(errors(dateTime, "spec: '2024-05-01T10:00:00.123456789+02:00'")).isEmpty();
    assertThat(errors(dateTime, "spec: yesterday"))
        .containsExactly("spec: \"yesterday\" is not a date-time (RFC 3339)");
    assertThat(errors(dateTime, "spec: '2024-05-01 10:00'")).hasSize(1);
    assertThat(errors(dateTime, "spec: '2024-13-01T10:00:00Z'")).hasSize(1);
    assertThat(errors(dateTime, "spec: '2024-05-01T10:00:00'")).hasSize(1);
  }

  @Test
  void minItemsAndBoundsAreChecked() {
    String modes = "type: array\nminItems: 1\nmaxItems: 2\nitems: {type: string}";
    assertThat(errors(modes, "spec: [ReadWriteOnce]")).isEmpty();
    assertThat(errors(modes, "spec: []")).containsExactly("spec: 0 items, want at least 1");
    assertThat(errors(modes, "spec: [a, b, c]")).containsExactly("spec: 3 items, want at most 2");
    String port = "type: integer\nminimum: 0\nmaximum: 65535";
    assertThat(errors(port, "spec: 873")).isEmpty();
    assertThat(errors(port, "spec: -1")).containsExactly("spec: -1 is less than the minimum 0");
    assertThat(errors(port, "spec: 70000"))
        .containsExactly("spec: 70000 is more than the maximum 65535");
  }

  @Test
  void requiredFieldsMustBePresentAndNotNull() {
    String volume = """
        type: object
        required: [mountPath]
        properties:
          mountPath: {type: string}
        """;
    assertThat(errors(volume, "spec: {mountPath: repo}")).isEmpty();
    assertThat(errors(volume, "spec: {}")).containsExactly("spec.mountPath: required");
    assertThat(errors(volume, "spec: {mountPath: null}"))
        .containsExactly("spec.mountPath: required");
  }

  @Test
  void nullIsDroppedFromObjectsAndRejectedInListsUnlessNullable() {
    assertThat(errors(HOURLY, "spec: {hourly: null}")).isEmpty();
    assertThat(errors("type: array\nitems: {type: string}", "spec: [a, null]"))
        .containsExactly("spec[1]: want string, got null");
    assertThat(errors("type: array\nitems: {type: string, nullable: true}", "spec: [a, null]"))
        .isEmpty();
  }

  @Test
  void unsupportedKeywordsAreRefusedWhenLoaded() {
    assertThatThrownBy(() -> errors("type: string\ndefault: x", "spec: a"))
        .hasMessage("schema keyword default at spec is not supported");
    assertThatThrownBy(() -> errors("oneOf: [{type: string}]", "spec: a"))
        .hasMessageContaining("oneOf");
    assertThatThrownBy(() -> errors("anyOf: [{type: string}]", "spec: a"))
        .hasMessage("anyOf at spec is only supported with x-kubernetes-int-or-string");
  }

  @Test
  void schemaAtFollowsFieldsItemsAndMapValues() {
    CrdSchema schema = CrdSchema.of(yaml("""
        type: object
        properties:
          spec:
            type: object
            properties:
              modes: {type: array, items: {type: string}}
              labels: {type: object, additionalProperties: {type: string}}
        """));
    assertThat(schema.at("spec.modes[]")).get().extracting(n -> n.get("type").asText())
        .isEqualTo("string");
    assertThat(schema.at("spec.labels{}")).isPresent();
    assertThat(schema.at("spec.nothing")).isEmpty();
  }
}
