package dev.cairn.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.BlobHandle;
import dev.cairn.core.BlobType;
import dev.cairn.core.Id;
import dev.cairn.pack.PackedBlob;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MasterIndexTest {
  private static List<PackedBlob> pack(Random rnd, int count) {
    Id packId = randomId(rnd);
    List<PackedBlob> blobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      BlobType t = rnd.nextInt(7) == 0 ? BlobType.TREE : BlobType.DATA;
      long offset = 0xffff_0000L + i; // above 2^31: offsets are unsigned
      int ulen = rnd.nextBoolean() ? 0 : rnd.nextInt(Integer.MAX_VALUE);
      blobs.add(new PackedBlob(new BlobHandle(randomId(rnd), t), packId, offset,
          32 + rnd.nextInt(8 << 20), ulen));
    }
    return blobs;
  }

  private static Id randomId(Random rnd) {
    byte[] b = new byte[Id.SIZE];
    rnd.nextBytes(b);
    return Id.of(b);
  }

  @Test
  void manyPagesAndRehashesKeepEveryEntryInOrder() {
    MasterIndex mi = new MasterIndex();
    Random rnd = new Random(11);
    List<PackedBlob> all = new ArrayList<>();
    for (int p = 0; p < 300; p++) {
      List<PackedBlob> blobs = pack(rnd, 1 + rnd.nextInt(200));
      mi.addPack(blobs);
      all.addAll(blobs);
    }
    assertThat(mi.size()).isEqualTo(all.size()).isGreaterThan(3 * 4096);
    List<PackedBlob> seen = new ArrayList<>();
    mi.forEach(seen::add);
    assertThat(seen).isEqualTo(all);
    for (PackedBlob b : all) {
      assertThat(mi.lookup(b.handle())).isEqualTo(b);
      assertThat(mi.has(b.handle())).isTrue();
    }
    assertThat(mi.packs()).hasSize(300).first().isEqualTo(all.get(0).pack());
    assertThat(mi.packsWithTrees())
        .containsExactlyInAnyOrderElementsOf(
            all.stream().filter(b -> b.type() == BlobType.TREE).map(PackedBlob::pack)
                .distinct().toList());
    assertThat(mi.lookup(new BlobHandle(randomId(rnd), BlobType.DATA))).isNull();
    assertThat(mi.lookupAll(new BlobHandle(randomId(rnd), BlobType.TREE))).isEmpty();
  }

  @Test
  void forEachPackGroupsByPackInOrderAndExactCopiesAreAddedOnce() {
    MasterIndex mi = new MasterIndex();
    Random rnd = new Random(13);
    List<PackedBlob> a = pack(rnd, 3000);
    List<PackedBlob> b = pack(rnd, 2000);
    mi.addPack(a.subList(0, 1000));
    mi.addPack(b);
    mi.addPack(a.subList(1000, 3000));
    mi.addPack(a); // the same pack listed by a second index file
    assertThat(mi.size()).isEqualTo(5000);
    PackedBlob moved = new PackedBlob(a.get(0).handle(), a.get(0).pack(), 1, 40, 0);
    mi.addPack(List.of(moved)); // same pack, other offset: a second copy
    assertThat(mi.lookupAll(a.get(0).handle())).containsExactly(a.get(0), moved);
    List<List<PackedBlob>> packs = new ArrayList<>();
    mi.forEachPack(packs::add);
    List<PackedBlob> aAndMoved = new ArrayList<>(a);
    aAndMoved.add(moved);
    assertThat(packs).containsExactly(aAndMoved, b);
  }

  @Test
  void readersWithoutLocksSeeWhatWasAddedBeforeThemWhileAWriterGoesOn() throws Exception {
    MasterIndex mi = new MasterIndex();
    Random rnd = new Random(12);
    List<List<PackedBlob>> packs = new ArrayList<>();
    for (int p = 0; p < 400; p++) {
      packs.add(pack(rnd, 100));
    }
    List<PackedBlob> added = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(pool.submit(() -> {
          int checked = 0;
          Random pick = new Random();
          while (!done.get() || checked == 0) {
            int n = added.size();
            if (n == 0) {
              continue;
            }
            PackedBlob b = added.get(pick.nextInt(n));
            assertThat(mi.lookup(b.handle())).isEqualTo(b);
            assertThat(mi.has(b.handle())).isTrue();
            checked++;
          }
          return checked;
        }));
      }
      for (List<PackedBlob> p : packs) {
        mi.addPack(p);
        added.addAll(p);
      }
      done.set(true);
      for (Future<Integer> f : readers) {
        assertThat(f.get()).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(mi.size()).isEqualTo(40_000);
  }
}
