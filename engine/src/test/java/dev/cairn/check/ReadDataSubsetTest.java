package dev.cairn.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.core.Id;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReadDataSubsetTest {
  private static Map<Id, Long> packs(int n) {
    Map<Id, Long> out = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      out.put(Id.hash(new byte[] {(byte) i, (byte) (i >> 8)}), 1000L);
    }
    return out;
  }

  @Test
  void parsesTheThreeForms() {
    assertThat(ReadDataSubset.parse("2/5")).isEqualTo(new ReadDataSubset.Bucket(2, 5));
    assertThat(ReadDataSubset.parse("12.5%")).isEqualTo(new ReadDataSubset.Fraction(12.5));
    assertThat(ReadDataSubset.parse("3M")).isEqualTo(new ReadDataSubset.Size(3L << 20));
    assertThat(ReadDataSubset.parse("2048")).isEqualTo(new ReadDataSubset.Size(2048));
    for (String bad : new String[] {"0/3", "4/3", "1/0", "0%", "101%", "x", "-5", "1/2/3", ""}) {
      assertThatThrownBy(() -> ReadDataSubset.parse(bad)).as(bad)
          .isInstanceOf(CairnException.class);
    }
  }

  @Test
  void bucketsPartitionThePacksByFirstByte() {
    Map<Id, Long> all = packs(300);
    Set<Id> union = new HashSet<>();
    int total = 0;
    for (int n = 1; n <= 3; n++) {
      Set<Id> part = new ReadDataSubset.Bucket(n, 3).select(all, new Random(1));
      for (Id id : part) {
        assertThat((id.byteAt(0) & 0xff) % 3).isEqualTo(n - 1);
      }
      union.addAll(part);
      total += part.size();
    }
    assertThat(total).isEqualTo(300);
    assertThat(union).isEqualTo(all.keySet());
  }

  @Test
  void fractionAndSizePickAboutThatMuch() {
    Map<Id, Long> all = packs(200);
    assertThat(new ReadDataSubset.Fraction(10).select(all, new Random(1))).hasSize(20);
    assertThat(new ReadDataSubset.Fraction(0.01).select(all, new Random(1))).hasSize(1);
    assertThat(ReadDataSubset.ALL.select(all, new Random(1))).isEqualTo(all.keySet());
    assertThat(new ReadDataSubset.Size(5500).select(all, new Random(1))).hasSize(6);
  }
}
