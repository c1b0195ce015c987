package dev.cairn.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What RBAC sees of an API request, and whether rules allow it: the request's path and method
 * become the attributes the API server authorizes ({@code apiGroup}, {@code resource} with its
 * subresource as {@code pods/log}, {@code verb}, namespace), as its request-info resolver does:
 * GET of a named object is {@code get}, of a collection {@code list}, or {@code watch} with
 * {@code ?watch=true}; POST {@code create}; PUT {@code update}; PATCH {@code patch}; DELETE of a
 * named object {@code delete}, of a collection {@code deletecollection}.
 */
final class RbacCheck {
  /** One authorization check; {@code namespace} is null for cluster-scoped objects. */
  record Access(String group, String resource, String verb, String namespace) {
    /** The namespace-independent part, as a rule of a ClusterRole grants it. */
    String grant() {
      return (group.isEmpty() ? "core" : group) + " " + resource + " " + verb;
    }
  }

  private RbacCheck() {}

  /** The access a request needs, or null for a non-resource path ({@code /api}, {@code /version}). */
  static Access access(String method, String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String query = q < 0 ? "" : URLDecoder.decode(pathAndQuery.substring(q + 1),
        StandardCharsets.UTF_8);
    String[] s = path.replaceFirst("^/", "").split("/");
    int rest;
    String group;
    if (s[0].equals("api") && s.length > 2) {
      group = "";
      rest = 2;
    } else if (s[0].equals("apis") && s.length > 3) {
      group = s[1];
      rest = 3;
    } else {
      return null;
    }
    List<String> parts = new ArrayList<>(List.of(s).subList(rest, s.length));
    String namespace = null;
    if (parts.size() >= 3 && parts.get(0).equals("namespaces")) {
      namespace = parts.get(1);
      parts = parts.subList(2, parts.size());
    }
    String resource = parts.get(0) + (parts.size() > 2 ? "/" + parts.get(2) : "");
    boolean named = parts.size() > 1;
    String verb = switch (method) {
      case "GET" -> named ? "get" : (query.contains("watch=true") ? "watch" : "list");
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> throw new IllegalArgumentException(method + " " + pathAndQuery);
    };
    return new Access(group, resource, verb, namespace);
  }

  /** Every grant ({@link Access#grant()} form) the rules of a Role or ClusterRole give. */
  static Set<String> grants(JsonNode role) {
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode rule : role.path("rules")) {
      for (JsonNode g : rule.path("apiGroups")) {
        for (JsonNode r : rule.path("resources")) {
          for (JsonNode v : rule.path("verbs")) {
            String group = g.asText();
            out.add((group.isEmpty() ? "core" : group) + " " + r.asText() + " " + v.asText());
          }
        }
      }
    }
    return out;
  }
}
