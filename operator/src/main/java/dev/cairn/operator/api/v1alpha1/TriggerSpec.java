package dev.cairn.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;

/**
 * When a sync runs ({@code ReplicationSourceTriggerSpec}, {@code
 * ReplicationDestinationTriggerSpec}).
 *
 * @param schedule a 5-field cron expression or {@code @hourly}-style macro; the controller's
 *     time zone (UTC)
 * @param manual a tag: a sync runs while it differs from {@code status.lastManualSync}; takes
 *     precedence over the schedule
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TriggerSpec(
    @Pattern("^(@(annually|yearly|monthly|weekly|daily|hourly))|((((\\d+,)*\\d+|(\\d+(\\/|-)\\d+)|\\*(\\/\\d+)?)\\s?){5})$")
    String schedule,
    String manual) {}
