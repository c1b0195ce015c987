package dev.cairn.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Volsync's summary of the last mover run.
 *
 * @param result {@code Successful} or {@code Failed}
 * @param logs the last lines of the mover's output
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MoverStatus(String result, String logs) {
  public static final String SUCCESSFUL = "Successful";
  public static final String FAILED = "Failed";
}
