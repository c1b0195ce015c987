package dev.cairn.standalone;

import java.util.List;
import java.util.Map;

/**
 * What a configuration directory holds: the resources that loaded, the Secrets by {@code
 * namespace/name} (their keys and values), and a message for each document or resource that
 * did not load, naming the file and the field.
 */
public record Manifests(List<Managed> resources, Map<String, Map<String, String>> secrets,
    List<String> problems) {
  public Manifests {
    resources = List.copyOf(resources);
    secrets = Map.copyOf(secrets);
    problems = List.copyOf(problems);
  }

  /** The Secret {@code name} of {@code namespace}, or null. */
  public Map<String, String> secret(String namespace, String name) {
    return secrets.get(namespace + "/" + name);
  }

  /** The resource of {@code key}, or null. */
  public Managed find(ResourceKey key) {
    return resources.stream().filter(m -> m.key().equals(key)).findFirst().orElse(null);
  }
}
