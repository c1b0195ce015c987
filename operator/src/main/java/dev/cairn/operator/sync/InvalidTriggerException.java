package dev.cairn.operator.sync;

/**
 * A trigger that cannot be used: the message names the field, quotes the bad value and says
 * what is wrong, e.g. {@code spec.trigger.schedule "61 * * * *": minute: 61 is above the
 * maximum 59}. The reconciler reports it as Volsync does, in the {@code Synchronizing}
 * condition with reason {@code Error}, and starts nothing until the spec changes.
 */
public class InvalidTriggerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The field that holds a schedule, as the message names it. */
  public static final String SCHEDULE_FIELD = "spec.trigger.schedule";

  private final String field;
  private final String value;

  /**
   * @param field the field's path in the resource, e.g. {@value #SCHEDULE_FIELD}
   * @param value the value found there (null is shown as {@code ""})
   * @param reason what is wrong with it
   */
  public InvalidTriggerException(String field, String value, String reason) {
    super(field + " \"" + (value == null ? "" : value) + "\": " + reason);
    this.field = field;
    this.value = value;
  }

  /** The field's path in the resource. */
  public String field() {
    return field;
  }

  /** The value found in the field. */
  public String value() {
    return value;
  }
}
