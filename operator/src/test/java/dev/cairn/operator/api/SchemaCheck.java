package dev.cairn.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One pass of {@link CrdSchema#validate}: walks a value and its schema together and adds an
 * error for each rule broken, naming the value's path.
 */
final class SchemaCheck {
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
  private static final Pattern RFC3339 = Pattern.compile(
      "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})",
      Pattern.CASE_INSENSITIVE);

  private final List<String> errors;

  SchemaCheck(List<String> errors) {
    this.errors = errors;
  }

  void check(JsonNode value, JsonNode schema, String path) {
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean()) {
        error(path, "want " + wanted(schema) + ", got null");
      }
      return;
    }
    if (!hasType(value, schema)) {
      error(path, "want " + wanted(schema) + ", got " + describe(value));
      return;
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      error(path, value + " is not one of " + schema.get("enum"));
    }
    if (value.isTextual()) {
      checkString(value.asText(), schema, path);
    } else if (value.isNumber()) {
      checkNumber(value, schema, path);
    } else if (value.isArray()) {
      checkArray(value, schema, path);
    } else if (value.isObject()) {
      checkObject(value, schema, path);
    }
  }

  private void checkString(String text, JsonNode schema, String path) {
    if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
      error(path, "shorter than " + schema.get("minLength") + " characters");
    }
    if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
      error(path, "longer than " + schema.get("maxLength") + " characters");
    }
    if (schema.has("pattern")) {
      String pattern = schema.get("pattern").asText();
      if (!PATTERNS.computeIfAbsent(pattern, Pattern::compile).matcher(text).find()) {
        error(path, quote(text) + " does not match " + pattern);
      }
    }
    if ("date-time".equals(schema.path("format").asText()) && !isDateTime(text)) {
      error(path, quote(text) + " is not a date-time (RFC 3339)");
    }
  }

  private void checkNumber(JsonNode value, JsonNode schema, String path) {
    if (schema.has("minimum") && value.decimalValue().compareTo(
        schema.get("minimum").decimalValue()) < 0) {
      error(path, value + " is less than the minimum " + schema.get("minimum"));
    }
    if (schema.has("maximum") && value.decimalValue().compareTo(
        schema.get("maximum").decimalValue()) > 0) {
      error(path, value + " is more than the maximum " + schema.get("maximum"));
    }
  }

  private void checkArray(JsonNode value, JsonNode schema, String path) {
    if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
      error(path, value.size() + " items, want at least " + schema.get("minItems"));
    }
    if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
      error(path, value.size() + " items, want at most " + schema.get("maxItems"));
    }
    if (schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), schema.get("items"), path + "[" + i + "]");
      }
    }
  }

  private void checkObject(JsonNode value, JsonNode schema, String path) {
    for (JsonNode required : schema.path("required")) {
      JsonNode field = value.get(required.asText());
      if (field == null || field.isNull() && !isNullable(schema, required.asText())) {
        error(CrdSchema.join(path, required.asText()), "required");
      }
    }
    boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    JsonNode additional = schema.get("additionalProperties");
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String fieldPath = CrdSchema.join(path, field.getKey());
      JsonNode fieldSchema = schema.path("properties").get(field.getKey());
      if (fieldSchema == null && additional != null && additional.isObject()) {
        fieldSchema = additional;
      }
      if (fieldSchema == null) {
        if (!preserve && !(additional != null && additional.asBoolean(false))) {
          error(fieldPath, "unknown field");
        }
      } else if (field.getValue().isNull() && !fieldSchema.path("nullable").asBoolean()) {
        continue; // the server prunes a non-nullable null field before validating
      } else {
        check(field.getValue(), fieldSchema, fieldPath);
      }
    }
  }

  private static boolean isNullable(JsonNode schema, String field) {
    return schema.path("properties").path(field).path("nullable").asBoolean();
  }

  private static boolean hasType(JsonNode value, JsonNode schema) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
      return value.isTextual() || isInteger(value);
    }
    return switch (schema.path("type").asText("")) {
      case "" -> true;
      case "string" -> value.isTextual();
      case "integer" -> isInteger(value);
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      default -> throw new IllegalArgumentException("unknown type " + schema.get("type"));
    };
  }

  /** JSON has one number type: 24.0 is an integer, as the server decodes it. */
  private static boolean isInteger(JsonNode value) {
    return value.isIntegralNumber()
        || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
  }

  private static String wanted(JsonNode schema) {
    return schema.path("x-kubernetes-int-or-string").asBoolean()
        ? "integer or string" : schema.path("type").asText("any");
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode candidate : values) {
      if (candidate.equals(value)
          || candidate.isNumber() && value.isNumber()
              && candidate.decimalValue().compareTo(value.decimalValue()) == 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDateTime(String text) {
    if (!RFC3339.matcher(text).matches()) {
      return false;
    }
    try {
      OffsetDateTime.parse(text.toUpperCase(Locale.ROOT));
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** A value for a message: its JSON type, and the value itself unless it is a container. */
  static String describe(JsonNode value) {
    if (value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return "string " + quote(value.asText());
    }
    if (value.isBoolean()) {
      return "boolean " + value.asText();
    }
    if (value.isNumber()) {
      return (isInteger(value) ? "integer " : "number ") + value;
    }
    return value.isArray() ? "array" : "object";
  }

  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private void error(String path, String message) {
    errors.add(CrdSchema.show(path) + ": " + message);
  }
}
