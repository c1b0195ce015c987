package dev.cairn.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code cairn standalone status}: the resources of the configuration with their recorded
 * status, as {@code kubectl get replicationsource,replicationdestination -A} shows them (the
 * CRDs' printer columns), or whole as YAML or JSON ({@code kind}, {@code metadata}, {@code
 * spec}, {@code status}).
 */
public final class StatusTable {
  private final Manifests manifests;
  private final Map<String, StateFile.Entry> state;

  public StatusTable(Manifests manifests, StateFile file) {
    this.manifests = manifests;
    this.state = file.read();
  }

  /** The two tables, sources then destinations, each with its header. */
  public String table() {
    StringBuilder sb = new StringBuilder();
    for (String kind : List.of(ResourceKey.SOURCE, ResourceKey.DESTINATION)) {
      List<String[]> rows = new ArrayList<>();
      boolean source = kind.equals(ResourceKey.SOURCE);
      rows.add(source
          ? new String[] {"NAMESPACE", "NAME", "SOURCE", "LAST SYNC", "DURATION", "NEXT SYNC",
              "RESULT"}
          : new String[] {"NAMESPACE", "NAME", "LAST SYNC", "DURATION", "NEXT SYNC",
              "RESTORED SNAPSHOT", "RESULT"});
      for (Managed m : manifests.resources()) {
        if (!m.key().kind().equals(kind)) {
          continue;
        }
        JsonNode st = status(m);
        String result = st.path("lastResult").path("outcome").asText("");
        String prefix = (source ? "replicationsource" : "replicationdestination")
            + ".volsync.backube/";
        rows.add(source
            ? new String[] {m.key().namespace(), prefix + m.key().name(), m.claim(),
                text(st, "lastSyncTime"), text(st, "lastSyncDuration"), text(st, "nextSyncTime"),
                result}
            : new String[] {m.key().namespace(), prefix + m.key().name(),
                text(st, "lastSyncTime"), text(st, "lastSyncDuration"), text(st, "nextSyncTime"),
                st.path("restic").path("restoredSnapshot").asText(""), result});
      }
      if (rows.size() > 1) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(columns(rows));
      }
    }
    return sb.length() == 0 ? "No resources found in " + "the configuration.\n" : sb.toString();
  }

  /** Every resource, whole, as {@code kubectl get -o yaml|json} would list them. */
  public String full(boolean yaml) {
    ObjectMapper json = StateFile.JSON;
    ObjectNode list = json.createObjectNode();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    ArrayNode items = list.putArray("items");
    for (Managed m : manifests.resources()) {
      ObjectNode item = json.valueToTree(m.resource());
      item.set("status", status(m));
      items.add(item);
    }
    try {
      return yaml ? new ObjectMapper(new YAMLFactory()).writeValueAsString(list)
          : json.writeValueAsString(list) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode status(Managed m) {
    StateFile.Entry e = state.get(m.key().id());
    return e == null || e.status() == null ? StateFile.JSON.createObjectNode() : e.status();
  }

  private static String text(JsonNode st, String field) {
    return st.path(field).asText("");
  }

  private static String columns(List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i] == null ? 0 : r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        String v = r[i] == null ? "" : r[i];
        line.append(v).append(" ".repeat(i == r.length - 1 ? 0 : width[i] - v.length() + 3));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
