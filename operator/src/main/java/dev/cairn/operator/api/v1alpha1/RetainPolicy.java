package dev.cairn.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How many snapshots forget keeps ({@code ResticRetainPolicy}); each set field becomes a {@code
 * --keep-*} flag. {@code last} is a string, as in Volsync.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetainPolicy(
    Integer hourly,
    Integer daily,
    Integer weekly,
    Integer monthly,
    Integer yearly,
    String within,
    String last) {}
