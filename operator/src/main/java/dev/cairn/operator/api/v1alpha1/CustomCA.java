package dev.cairn.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A certificate authority for the repository's TLS, from a Secret or a ConfigMap ({@code
 * CustomCASpec}); mounted at {@code /customCA/ca.crt}.
 *
 * @param secretName the Secret holding it
 * @param configMapName or the ConfigMap holding it
 * @param key the key within
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomCA(String secretName, String configMapName, String key) {
  /** Whether a CA is configured at all (not a JSON property). */
  @JsonIgnore
  public boolean isSet() {
    return (secretName != null && !secretName.isEmpty())
        || (configMapName != null && !configMapName.isEmpty());
  }
}
