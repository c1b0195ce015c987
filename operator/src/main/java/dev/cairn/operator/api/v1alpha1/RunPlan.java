package dev.cairn.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The run in progress, decided once when it started and frozen into its Job, so that a running
 * Job is never replaced because a threshold (prune interval, unlock tag) moved meanwhile.
 *
 * @param actions the mover's actions, e.g. {@code [unlock, backup, prune]}
 * @param attempt 1 for the first try, then one more for each retry after a failure
 * @param job the Job running it
 * @param notBefore a retry waits until this time (backoff after a failure), or null
 * @param unlock the {@code spec.restic.unlock} tag this run unlocks for, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunPlan(
    List<String> actions, Integer attempt, String job, String notBefore, String unlock) {}
