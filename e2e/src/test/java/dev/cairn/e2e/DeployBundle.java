package dev.cairn.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manifests under {@code deploy/}, rendered as a cluster gets them: {@code kubectl
 * kustomize} (the kustomize built into kubectl), then, for what Flux applies, Flux's variable
 * substitution ({@link FluxSubstitution}) on the rendered YAML, then parsed into one JSON tree
 * per object.
 */
final class DeployBundle {
  /** The repository's {@code deploy/} directory (tests run in the e2e module). */
  static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
  private static final YAMLMapper YAML = new YAMLMapper();

  private final DeployTool kubectl = DeployTool.kubectl();

  /** {@code deploy/<dir>} rendered, with no substitution. */
  List<ObjectNode> render(String dir) throws IOException, InterruptedException {
    return parse(kustomize(dir));
  }

  /** {@code deploy/<dir>} rendered, then substituted with {@code vars} as Flux would. */
  List<ObjectNode> render(String dir, Map<String, String> vars)
      throws IOException, InterruptedException {
    return parse(new FluxSubstitution(vars).apply(kustomize(dir)));
  }

  /** The YAML {@code kubectl kustomize deploy/<dir>} prints. */
  String kustomize(String dir) throws IOException, InterruptedException {
    return kubectl.ok(DEPLOY, "kustomize", dir);
  }

  /** The objects of a multi-document YAML text. */
  static List<ObjectNode> parse(String yaml) throws IOException {
    List<ObjectNode> objects = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(yaml)) {
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode node = it.next();
        if (node != null && node.isObject()) {
          objects.add((ObjectNode) node);
        }
      }
    }
    return objects;
  }

  /** The one object of {@code kind} named {@code name}. */
  static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
    return lookup(objects, kind, name).orElseThrow(() -> new AssertionError(
        "no " + kind + " " + name + " among " + names(objects)));
  }

  static Optional<ObjectNode> lookup(List<ObjectNode> objects, String kind, String name) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())
        && name.equals(o.path("metadata").path("name").asText())).findFirst();
  }

  /** {@code Kind/name} of each object, for messages. */
  static List<String> names(List<ObjectNode> objects) {
    return objects.stream().map(o -> o.path("kind").asText() + "/"
        + o.path("metadata").path("name").asText()).toList();
  }

  /** YAML text of one object, for loading into a client. */
  static String yaml(JsonNode object) throws IOException {
    return YAML.writeValueAsString(object);
  }
}
