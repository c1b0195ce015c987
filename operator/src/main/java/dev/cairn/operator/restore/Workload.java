package dev.cairn.operator.restore;

/**
 * A Deployment or StatefulSet that mounts the PVC being restored.
 *
 * @param kind {@code Deployment} or {@code StatefulSet}
 * @param name its name
 * @param replicas the replica count to come back to (recorded by a previous run if it left one)
 */
public record Workload(String kind, String name, int replicas) {
  @Override
  public String toString() {
    return kind + " " + name;
  }
}
