package dev.cairn.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cairn.operator.api.v1alpha1.ReplicationDestination;
import dev.cairn.operator.api.v1alpha1.ReplicationSource;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.PrinterColumnFormat;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The files of {@code deploy/crds/}: the CRDs of {@link ReplicationSource} and {@link
 * ReplicationDestination}, generated from the API model by fabric8's CRD generator and then
 * corrected ({@link ModelSchemaFixes}, printer columns in declaration order, {@code listKind},
 * the root's {@code apiVersion}/{@code kind}/{@code metadata}), plus a {@code kustomization.yaml}
 * listing them. Rendering is deterministic: keys sorted, lists in model order, no line
 * splitting, each file headed by a comment naming its generator and the command that rewrites
 * it. {@code CrdDriftTest} compares these files with the committed ones.
 */
public final class CrdFiles {
  /** The command that regenerates {@code deploy/crds/}, run from the repository root. */
  public static final String REGENERATE = "mvn -B -pl operator -am verify -Dtest=CrdDriftTest"
      + " -Dsurefire.failIfNoSpecifiedTests=false -Dcrds.update=true";

  private static final List<Class<? extends CustomResource<?, ?>>> RESOURCES =
      List.of(ReplicationSource.class, ReplicationDestination.class);

  private static final String HEADER = """
      # Generated from the API model (dev.cairn.operator.api.v1alpha1) by CrdFiles in the
      # operator's tests; do not edit. CrdDriftTest fails while this file is out of date.
      # Regenerate from the repository root with:
      #   %s
      """.formatted(REGENERATE);

  private static final YAMLMapper YAML = new YAMLMapper();

  private CrdFiles() {}

  /** Where the committed files live, relative to the operator module (the tests' cwd). */
  public static Path committedDir() {
    return Path.of("..", "deploy", "crds");
  }

  /** The file name of a resource's CRD, e.g. {@code replicationsources.volsync.backube.yaml}. */
  public static String fileName(Class<? extends CustomResource<?, ?>> resource) {
    return CustomResource.getCRDName(resource) + ".yaml";
  }

  /** Renders every file of {@code deploy/crds/}: name to content, in a fixed order. */
  public static Map<String, String> render() {
    Map<String, ByteArrayOutputStream> generated = generate();
    Map<String, String> files = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (Class<? extends CustomResource<?, ?>> resource : RESOURCES) {
      ByteArrayOutputStream out = generated.get(CustomResource.getCRDName(resource) + "-v1");
      ObjectNode crd = (ObjectNode) read(out.toString(StandardCharsets.UTF_8));
      correct(crd, resource);
      files.put(fileName(resource), HEADER + write(crd));
      names.add(fileName(resource));
    }
    Map<String, Object> kustomization = new LinkedHashMap<>();
    kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    kustomization.put("kind", "Kustomization");
    kustomization.put("resources", names);
    files.put("kustomization.yaml", HEADER + write(YAML.valueToTree(kustomization)));
    return files;
  }

  /** Writes the rendered files into {@code dir}, creating it if needed. */
  public static void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> file : render().entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, ByteArrayOutputStream> generate() {
    Map<String, ByteArrayOutputStream> outputs = new LinkedHashMap<>();
    new CRDGenerator()
        .customResourceClasses(RESOURCES.stream()
            .<Class<? extends HasMetadata>>map(c -> c).toList())
        .forCRDVersions("v1")
        .withParallelGenerationEnabled(false) // the outputs map is not thread-safe
        .withOutput(new CRDGenerator.CRDOutput<ByteArrayOutputStream>() {
          @Override
          public ByteArrayOutputStream outputFor(String name) {
            return outputs.computeIfAbsent(name, n -> new ByteArrayOutputStream());
          }

          @Override
          public void close() {}
        })
        .generate();
    return outputs;
  }

  private static void correct(ObjectNode crd, Class<? extends CustomResource<?, ?>> resource) {
    ObjectNode spec = (ObjectNode) crd.get("spec");
    ObjectNode names = (ObjectNode) spec.get("names");
    names.put("listKind", names.get("kind").asText() + "List");
    ObjectNode version = (ObjectNode) spec.get("versions").get(0);
    version.set("additionalPrinterColumns", printerColumns(resource));
    ObjectNode schema = (ObjectNode) version.get("schema").get("openAPIV3Schema");
    new ModelSchemaFixes().apply(schema, resource);
    ObjectNode properties = (ObjectNode) schema.get("properties");
    properties.putObject("apiVersion").put("type", "string");
    properties.putObject("kind").put("type", "string");
    properties.putObject("metadata").put("type", "object");
  }

  /** The generator sorts columns by name and writes {@code priority: 0}; Volsync does neither. */
  private static ArrayNode printerColumns(Class<?> resource) {
    ArrayNode columns = YAML.createArrayNode();
    for (AdditionalPrinterColumn c : resource.getAnnotationsByType(AdditionalPrinterColumn.class)) {
      ObjectNode column = columns.addObject();
      column.put("name", c.name()).put("jsonPath", c.jsonPath()).put("type", c.type().getValue());
      if (c.format() != PrinterColumnFormat.NONE) {
        column.put("format", c.format().getValue());
      }
      if (c.priority() != 0) {
        column.put("priority", c.priority());
      }
    }
    return columns;
  }

  private static JsonNode read(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Block style, keys sorted at every level, lines never split; SnakeYAML quotes a string only
   * when it must, and then in single quotes where it can (a regex stays readable).
   */
  private static String write(JsonNode node) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setSplitLines(false);
    return new Yaml(options).dump(sorted(YAML.convertValue(node, Object.class)));
  }

  private static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put((String) k, sorted(v)));
      return sorted;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(CrdFiles::sorted).toList();
    }
    return value;
  }
}
