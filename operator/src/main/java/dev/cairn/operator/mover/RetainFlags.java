package dev.cairn.operator.mover;

import dev.cairn.operator.api.v1alpha1.RetainPolicy;

/**
 * {@code FORGET_OPTIONS} from {@code spec.restic.retain}, as Volsync writes it: the set counts
 * in the order hourly, daily, weekly, monthly, yearly, then {@code --keep-within} and {@code
 * --keep-last}; {@code --keep-last 1} when the policy is missing or empty.
 */
public final class RetainFlags {
  static final String DEFAULT = "--keep-last 1";

  private RetainFlags() {}

  public static String of(RetainPolicy p) {
    if (p == null) {
      return DEFAULT;
    }
    StringBuilder sb = new StringBuilder();
    count(sb, "--keep-hourly", p.hourly());
    count(sb, "--keep-daily", p.daily());
    count(sb, "--keep-weekly", p.weekly());
    count(sb, "--keep-monthly", p.monthly());
    count(sb, "--keep-yearly", p.yearly());
    if (p.within() != null) {
      sb.append(" --keep-within ").append(p.within());
    }
    if (p.last() != null) {
      sb.append(" --keep-last ").append(p.last());
    }
    return sb.length() == 0 ? DEFAULT : sb.toString();
  }

  private static void count(StringBuilder sb, String flag, Integer n) {
    if (n != null) {
      sb.append(' ').append(flag).append(' ').append(n);
    }
  }
}
