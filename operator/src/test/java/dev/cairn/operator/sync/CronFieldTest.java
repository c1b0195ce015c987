package dev.cairn.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each field's grammar and bounds as robfig/cron v3 reads them, and the messages for refusals. */
class CronFieldTest {

  /** The values a field's text selects, in order, without the star marker. */
  private static List<Integer> values(CronField field, String text) {
    long bits = field.parse(text, "expr");
    List<Integer> values = new ArrayList<>();
    for (int v = 0; v < 63; v++) {
      if ((bits & (1L << v)) != 0) {
        values.add(v);
      }
    }
    return values;
  }

  private static boolean star(CronField field, String text) {
    return (field.parse(text, "expr") & CronField.STAR) != 0;
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> values = new ArrayList<>();
    for (int v = from; v <= to; v++) {
      values.add(v);
    }
    return values;
  }

  /** The message for {@code text} refused in {@code field}, with the expression "expr". */
  private static String refusal(CronField field, String text) {
    return assertThrows(InvalidTriggerException.class, () -> field.parse(text, "expr"))
        .getMessage();
  }

  @Test
  void fieldsComeInCronOrderWithTheirLabels() {
    assertThat(CronField.values()).extracting(CronField::label)
        .containsExactly("minute", "hour", "day-of-month", "month", "day-of-week");
  }

  @Test
  void starAndQuestionMarkSelectTheWholeRangeAndAreMarkedAsStar() {
    assertThat(values(CronField.MINUTE, "*")).isEqualTo(range(0, 59));
    assertThat(values(CronField.HOUR, "?")).isEqualTo(range(0, 23));
    assertThat(values(CronField.DAY_OF_MONTH, "*")).isEqualTo(range(1, 31));
    assertThat(values(CronField.MONTH, "*")).isEqualTo(range(1, 12));
    assertThat(values(CronField.DAY_OF_WEEK, "*")).isEqualTo(range(0, 6));
    assertThat(star(CronField.DAY_OF_MONTH, "*")).isTrue();
    assertThat(star(CronField.DAY_OF_WEEK, "?")).isTrue();
  }

  @Test
  void aStepAboveOneOverStarIsARestrictionNotAStar() {
    assertThat(values(CronField.MINUTE, "*/15")).containsExactly(0, 15, 30, 45);
    assertThat(star(CronField.MINUTE, "*/15")).isFalse();
    assertThat(values(CronField.DAY_OF_MONTH, "*/10")).containsExactly(1, 11, 21, 31);
    assertThat(star(CronField.DAY_OF_MONTH, "*/2")).isFalse();
    assertThat(star(CronField.DAY_OF_MONTH, "*/1")).isTrue();
    assertThat(star(CronField.DAY_OF_MONTH, "1-31")).isFalse();
  }

  @Test
  void singleValuesRangesAndListsSelectExactlyTheirValues() {
    assertThat(values(CronField.MINUTE, "5")).containsExactly(5);
    assertThat(values(CronField.HOUR, "9-17")).isEqualTo(range(9, 17));
    assertThat(values(CronField.MINUTE, "0,30")).containsExactly(0, 30);
    assertThat(values(CronField.MINUTE, "1,5-7,*/30")).containsExactly(0, 1, 5, 6, 7, 30);
    assertThat(values(CronField.HOUR, "3-3")).containsExactly(3);
  }

  @Test
  void aStepAppliesToARangeAndASingleStartRunsToTheMaximum() {
    assertThat(values(CronField.MINUTE, "10-20/3")).containsExactly(10, 13, 16, 19);
    assertThat(values(CronField.MINUTE, "7/20")).containsExactly(7, 27, 47);
    assertThat(values(CronField.DAY_OF_MONTH, "10/10")).containsExactly(10, 20, 30);
    assertThat(values(CronField.HOUR, "0/100")).containsExactly(0);
    assertThat(values(CronField.MINUTE, "*/99999999999")).containsExactly(0);
    assertThat(values(CronField.MINUTE, "59/2147483647")).containsExactly(59);
  }

  @Test
  void emptyListItemsAreDroppedAsRobfigDoes() {
    assertThat(values(CronField.MINUTE, "1,,2,")).containsExactly(1, 2);
    assertThat(refusal(CronField.MINUTE, ",")).endsWith("minute: \",\" selects nothing");
  }

  @Test
  void monthAndWeekdayNamesAreReadInAnyCase() {
    assertThat(values(CronField.MONTH, "jan")).containsExactly(1);
    assertThat(values(CronField.MONTH, "DEC")).containsExactly(12);
    assertThat(values(CronField.MONTH, "Feb-Apr")).containsExactly(2, 3, 4);
    assertThat(values(CronField.MONTH, "jun,AUG")).containsExactly(6, 8);
    assertThat(values(CronField.DAY_OF_WEEK, "MON-FRI")).containsExactly(1, 2, 3, 4, 5);
    assertThat(values(CronField.DAY_OF_WEEK, "sun,Sat")).containsExactly(0, 6);
    assertThat(values(CronField.DAY_OF_WEEK, "mon-sat/2")).containsExactly(1, 3, 5);
  }

  @Test
  void namesAreOnlyForMonthAndWeekday() {
    assertThat(refusal(CronField.MINUTE, "mon"))
        .isEqualTo("spec.trigger.schedule \"expr\": minute: the value \"mon\" is not a number");
    assertThat(refusal(CronField.DAY_OF_WEEK, "monday"))
        .endsWith("day-of-week: the value \"monday\" is not a number or a name");
    // a step is always a number, as in robfig
    assertThat(refusal(CronField.MONTH, "*/jan"))
        .endsWith("month: the step \"jan\" is not a number");
  }

  @Test
  void numbersMayHaveAPlusSignOrLeadingZeros() {
    assertThat(values(CronField.MINUTE, "+5")).containsExactly(5);
    assertThat(values(CronField.MINUTE, "007")).containsExactly(7);
    assertThat(values(CronField.MINUTE, "00")).containsExactly(0);
  }

  @Test
  void valuesOutsideAFieldsBoundsAreRefusedNamingTheField() {
    assertThat(refusal(CronField.MINUTE, "60")).endsWith("minute: 60 is above the maximum 59");
    assertThat(refusal(CronField.HOUR, "24")).endsWith("hour: 24 is above the maximum 23");
    assertThat(refusal(CronField.DAY_OF_MONTH, "0"))
        .endsWith("day-of-month: 0 is below the minimum 1");
    assertThat(refusal(CronField.DAY_OF_MONTH, "32"))
        .endsWith("day-of-month: 32 is above the maximum 31");
    assertThat(refusal(CronField.MONTH, "0")).endsWith("month: 0 is below the minimum 1");
    assertThat(refusal(CronField.MONTH, "13")).endsWith("month: 13 is above the maximum 12");
    assertThat(refusal(CronField.HOUR, "1-24")).endsWith("hour: 24 is above the maximum 23");
    assertThat(refusal(CronField.MINUTE, "99999999999"))
        .endsWith("minute: 99999999999 is above the maximum 59");
    assertThat(refusal(CronField.MINUTE, "2147483648"))
        .endsWith("minute: 2147483648 is above the maximum 59");
    assertThat(refusal(CronField.MINUTE, "000000000061"))
        .endsWith("minute: 000000000061 is above the maximum 59");
  }

  @Test
  void sevenIsNotSundayAsInRobfig() {
    assertThat(refusal(CronField.DAY_OF_WEEK, "7"))
        .endsWith("day-of-week: 7 is above the maximum 6 (Sunday is 0)");
    assertThat(refusal(CronField.DAY_OF_WEEK, "1-7"))
        .endsWith("day-of-week: 7 is above the maximum 6 (Sunday is 0)");
  }

  @Test
  void malformedStepsAndRangesAreRefused() {
    assertThat(refusal(CronField.MINUTE, "*/0"))
        .endsWith("minute: the step in \"*/0\" must be positive");
    assertThat(refusal(CronField.MINUTE, "*/x")).endsWith("minute: the step \"x\" is not a number");
    assertThat(refusal(CronField.MINUTE, "*/")).endsWith("minute: the step \"\" is not a number");
    assertThat(refusal(CronField.MINUTE, "*/2/3"))
        .endsWith("minute: too many slashes in \"*/2/3\"");
    assertThat(refusal(CronField.HOUR, "1-2-3")).endsWith("hour: too many hyphens in \"1-2-3\"");
    assertThat(refusal(CronField.HOUR, "*-5")).endsWith("hour: \"*-5\": * cannot start a range");
    assertThat(refusal(CronField.HOUR, "5-3"))
        .endsWith("hour: the range \"5-3\" ends before it starts");
    assertThat(refusal(CronField.HOUR, "-5")).endsWith("hour: the value \"\" is not a number");
    assertThat(refusal(CronField.HOUR, "1.5")).endsWith("hour: the value \"1.5\" is not a number");
  }

  @Test
  void theMessageNamesTheScheduleFieldAndQuotesTheWholeExpression() {
    assertThatThrownBy(() -> CronField.MINUTE.parse("61", "61 * * * *"))
        .isInstanceOf(InvalidTriggerException.class)
        .hasMessage("spec.trigger.schedule \"61 * * * *\": minute: 61 is above the maximum 59")
        .satisfies(e -> {
          InvalidTriggerException ite = (InvalidTriggerException) e;
          assertThat(ite.field()).isEqualTo("spec.trigger.schedule");
          assertThat(ite.value()).isEqualTo("61 * * * *");
        });
  }
}
