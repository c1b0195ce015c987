package dev.cairn.check;

import dev.cairn.core.ByteSize;
import dev.cairn.core.CairnException;
import dev.cairn.core.Id;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which packs {@code --read-data-subset} reads, as restic: {@code n/t} takes the packs whose
 * id's first byte mod t is n-1; {@code x%} a random share of the packs; a size such as
 * {@code 500M} random packs until that many bytes are chosen.
 */
public sealed interface ReadDataSubset {
  /** Every pack. */
  ReadDataSubset ALL = new Fraction(100.0);

  /** The chosen packs among {@code packs} (pack id to size). */
  Set<Id> select(Map<Id, Long> packs, Random rnd);

  /** Part n of t (1 ≤ n ≤ t). */
  record Bucket(int n, int t) implements ReadDataSubset {
    @Override
    public Set<Id> select(Map<Id, Long> packs, Random rnd) {
      Set<Id> out = new TreeSet<>();
      for (Id id : packs.keySet()) {
        if ((id.byteAt(0) & 0xff) % t == n - 1) {
          out.add(id);
        }
      }
      return out;
    }
  }

  /** A random share of the packs, in percent. */
  record Fraction(double percent) implements ReadDataSubset {
    @Override
    public Set<Id> select(Map<Id, Long> packs, Random rnd) {
      if (percent >= 100) {
        return new TreeSet<>(packs.keySet());
      }
      List<Id> ids = new ArrayList<>(new TreeSet<>(packs.keySet()));
      Collections.shuffle(ids, rnd);
      int count = (int) Math.round(ids.size() * percent / 100.0);
      if (count == 0 && percent > 0 && !ids.isEmpty()) {
        count = 1;
      }
      return new TreeSet<>(ids.subList(0, count));
    }
  }

  /** Random packs until at least {@code bytes} are chosen. */
  record Size(long bytes) implements ReadDataSubset {
    @Override
    public Set<Id> select(Map<Id, Long> packs, Random rnd) {
      List<Id> ids = new ArrayList<>(new TreeSet<>(packs.keySet()));
      Collections.shuffle(ids, rnd);
      Set<Id> out = new TreeSet<>();
      long sum = 0;
      for (Id id : ids) {
        if (sum >= bytes) {
          break;
        }
        out.add(id);
        sum += packs.get(id);
      }
      return out;
    }
  }

  /**
   * Parses {@code n/t}, {@code x%} or a size with an optional K, M, G or T suffix (powers of
   * 1024).
   *
   * @throws CairnException when the text is none of these
   */
  static ReadDataSubset parse(String s) {
    String text = s.trim();
    try {
      if (text.contains("/")) {
        String[] parts = text.split("/", -1);
        int n = Integer.parseInt(parts[0]);
        int t = Integer.parseInt(parts[1]);
        if (parts.length != 2 || t < 1 || n < 1 || n > t) {
          throw new CairnException("check flag --read-data-subset=n/t values must be positive"
              + " integers, and n <= t, e.g. --read-data-subset=1/2");
        }
        return new Bucket(n, t);
      }
      if (text.endsWith("%")) {
        double p = Double.parseDouble(text.substring(0, text.length() - 1));
        if (!(p > 0 && p <= 100)) {
          throw new CairnException("check flag --read-data-subset=x% x must be above 0.0% and"
              + " not more than 100.0%");
        }
        return new Fraction(p);
      }
      long n = ByteSize.parse(text);
      if (n <= 0) {
        throw new CairnException("check flag --read-data-subset size must be positive");
      }
      return new Size(n);
    } catch (IllegalArgumentException e) {
      throw new CairnException("invalid --read-data-subset \"" + s
          + "\": expected n/t, x% or a size such as 500M");
    }
  }
}
