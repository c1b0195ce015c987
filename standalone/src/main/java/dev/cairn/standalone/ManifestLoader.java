package dev.cairn.standalone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import dev.cairn.operator.sync.InvalidTriggerException;
import dev.cairn.operator.sync.Schedule;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the {@code *.yaml} and {@code *.yml} files of a directory, in name order, each holding
 * one or more documents: Secrets, ReplicationSources and ReplicationDestinations of {@code
 * volsync.backube/v1alpha1}, exactly as on a cluster ({@code metadata.namespace} defaults to
 * {@code default}). Fields the CRD does not have are refused, as the API server's strict field
 * validation does. A document or resource that cannot be used becomes a problem naming the
 * file and the field, and the others load.
 */
public final class ManifestLoader {
  private static final String API = "volsync.backube/v1alpha1";
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The manifests of {@code dir}; an unreadable directory is a problem, not an exception. */
  public Manifests load(Path dir) {
    List<Managed> resources = new ArrayList<>();
    Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    Set<ResourceKey> seen = new HashSet<>();
    for (Path file : files(dir, problems)) {
      List<JsonNode> docs;
      try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
        docs = it.readAll();
      } catch (IOException e) {
        problems.add(file + ": not valid YAML: " + firstLine(e));
        continue;
      }
      for (int i = 0; i < docs.size(); i++) {
        JsonNode doc = docs.get(i);
        if (doc == null || doc.isNull() || doc.isEmpty()) {
          continue;
        }
        String where = file + (docs.size() > 1 ? " (document " + (i + 1) + ")" : "");
        try {
          Managed m = document(doc, file, where, secrets);
          if (m != null && !seen.add(m.key())) {
            problems.add(where + ": " + m.key() + " is defined twice; the first one is used");
          } else if (m != null) {
            resources.add(m);
          }
        } catch (IllegalArgumentException e) {
          problems.add(where + ": " + e.getMessage());
        }
      }
    }
    return new Manifests(resources, secrets, problems);
  }

  private Managed document(JsonNode doc, Path file, String where,
      Map<String, Map<String, String>> secrets) {
    String kind = doc.path("kind").asText("");
    String name = doc.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      throw new IllegalArgumentException(kind + " without metadata.name");
    }
    if (!doc.path("metadata").hasNonNull("namespace")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("metadata"))
          .put("namespace", "default");
    }
    String ns = doc.path("metadata").path("namespace").asText();
    switch (kind) {
      case "Secret" -> {
        secrets.put(ns + "/" + name, secret(doc, ns + "/" + name));
        return null;
      }
      case ResourceKey.SOURCE, ResourceKey.DESTINATION -> {
        if (!API.equals(doc.path("apiVersion").asText())) {
          throw new IllegalArgumentException(kind + " " + ns + "/" + name + ": apiVersion "
              + doc.path("apiVersion").asText("(none)") + " is not " + API);
        }
        Managed m = kind.equals(ResourceKey.SOURCE)
            ? Managed.of(parse(doc, ReplicationSource.class, kind, ns, name), file)
            : Managed.of(parse(doc, ReplicationDestination.class, kind, ns, name), file);
        check(m);
        return m;
      }
      default -> throw new IllegalArgumentException("kind " + (kind.isEmpty() ? "(none)" : kind)
          + " of " + name + " is not one of Secret, ReplicationSource, ReplicationDestination");
    }
  }

  private <T extends CustomResource<?, ?>> T parse(JsonNode doc, Class<T> type, String kind,
      String ns, String name) {
    try {
      T r = yaml.treeToValue(doc, type);
      if (r.getSpec() == null) {
        throw new IllegalArgumentException(kind + " " + ns + "/" + name + ": spec is missing");
      }
      return r;
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(kind + " " + ns + "/" + name + ": unknown field "
          + path(e) + " (" + kind + " " + API + " has no such field)");
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(kind + " " + ns + "/" + name + ": field " + path(e)
          + ": " + firstLine(e));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(kind + " " + ns + "/" + name + ": " + firstLine(e));
    }
  }

  /** What the API server's schema would refuse and the state machine needs: restic, the cron. */
  private static void check(Managed m) {
    if (m.restic() == null) {
      throw new IllegalArgumentException(m.key() + ": spec.restic is missing: Cairn runs only"
          + " the restic mover");
    }
    if (m.trigger() != null && m.trigger().schedule() != null) {
      try {
        Schedule.parse(m.trigger().schedule());
      } catch (InvalidTriggerException e) {
        throw new IllegalArgumentException(m.key() + ": " + e.getMessage());
      }
    }
  }

  private static Map<String, String> secret(JsonNode doc, String id) {
    Map<String, String> values = new LinkedHashMap<>();
    doc.path("data").fields().forEachRemaining(f -> {
      try {
        values.put(f.getKey(), new String(Base64.getMimeDecoder().decode(f.getValue().asText()),
            StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Secret " + id + ": data." + f.getKey()
            + " is not base64 (use stringData for plain text)");
      }
    });
    doc.path("stringData").fields().forEachRemaining(f -> values.put(f.getKey(),
        f.getValue().asText()));
    return values;
  }

  private static List<Path> files(Path dir, List<String> problems) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".yaml")
          || p.toString().endsWith(".yml"))).sorted().toList();
    } catch (IOException e) {
      problems.add(dir + ": cannot read the configuration directory: " + e);
      return List.of();
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String firstLine(Exception e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    String loc = e instanceof JsonProcessingException j && j.getLocation() != null
        && j.getLocation().getLineNr() > 0 ? " (line " + j.getLocation().getLineNr() + ")" : "";
    return (m == null ? e.toString() : m.lines().findFirst().orElse(m)) + loc;
  }
}
