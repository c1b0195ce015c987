package dev.cairn.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A deterministic directory tree with every kind of metadata restic keeps: files of assorted sizes
 * (empty, 1 and 13 bytes, 100 KiB of text, 3 MiB of seeded pseudo-random data spanning several
 * chunks), nested and empty directories, relative, absolute and dangling symlinks, hard links
 * (within and across directories), modes 0600/0755/0444, setuid, setgid and sticky bits, mtimes
 * with nanoseconds on every entry including symlinks, a binary {@code user.*} xattr, a 64 MiB
 * sparse file and, as root only, a FIFO, a character device and a file owned by 1234:5678.
 *
 * <p>Kinds that could not be made here are listed in {@link #skipped()} rather than failing.
 * {@link #addAwkwardNames()} adds a directory of hostile file names (see {@link AwkwardNames}).
 */
public final class SampleTree {
  /** The metadata kinds a sample tree may contain. */
  public enum Kind {
    /** Regular files, nested and empty directories, permission bits, mtimes. */
    BASICS,
    /** Relative, absolute and dangling symlinks. */
    SYMLINKS,
    /** Two names in one directory, one name across directories. */
    HARD_LINKS,
    /** Setuid, setgid and sticky bits. */
    SPECIAL_MODES,
    /** A binary {@code user.*} extended attribute. */
    XATTR,
    /** A 64 MiB file with 1 MiB of data in the middle. */
    SPARSE_FILE,
    /** A named pipe (root only). */
    FIFO,
    /** A character device 1:3 (root only). */
    CHAR_DEVICE,
    /** A file owned by uid 1234, gid 5678 (root only). */
    FOREIGN_OWNER,
    /** Awkward file names, after {@link #addAwkwardNames()}. */
    AWKWARD_NAMES
  }

  /** First mtime handed out; each entry gets a later one with different nanoseconds. */
  static final Instant BASE_TIME = Instant.parse("2021-03-04T05:06:07.123456789Z");

  private final Path root;
  private final Set<Kind> kinds = EnumSet.noneOf(Kind.class);
  private final List<String> skipped = new ArrayList<>();
  

  private SampleTree(Path root) {
    this.root = root;
  }

  /** Creates the full sample tree in {@code dir} (created if missing; should be empty). */
  public static SampleTree create(Path dir) throws IOException {
    SampleTree tree = new SampleTree(dir);
    tree.build();
    return tree;
  }

  /** The root directory. */
  public Path root() {
    return root;
  }

  /** The kinds present in the tree. */
  public Set<Kind> kinds() {
    return Collections.unmodifiableSet(kinds);
  }

  /** Why each missing kind was skipped, e.g. "FIFO: not running as root". */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }

  /**
   * Adds directory {@code awkward/} full of hostile names (made with Python, since some are not
   * valid UTF-8), with fixed mtimes; the root's mtime is kept.
   */
  public SampleTree addAwkwardNames() throws IOException {
    FileTime rootTime = Files.getLastModifiedTime(root, LinkOption.NOFOLLOW_LINKS);
    AwkwardNames.create(root.resolve("awkward"), BASE_TIME.plusSeconds(1000));
    Mtimes.set(root, rootTime.toInstant());
    kinds.add(Kind.AWKWARD_NAMES);
    return this;
  }

  private void build() throws IOException {
    Files.createDirectories(root);
    Files.write(root.resolve("empty"), new byte[0]);
    Files.write(root.resolve("one"), new byte[] {'x'});
    Files.writeString(root.resolve("thirteen"), "Hello, world\n");
    Files.write(root.resolve("text.txt"), compressibleText(100 * 1024));
    Files.write(root.resolve("random.bin"), random(3 * 1024 * 1024, 42));
    Path deeper = Files.createDirectories(root.resolve("dir/nested/deeper"));
    Files.writeString(deeper.resolve("leaf.txt"), "a leaf\n");
    Files.createDirectories(root.resolve("dir/empty-dir"));
    kinds.add(Kind.BASICS);

    Path links = Files.createDirectories(root.resolve("links"));
    Files.createSymbolicLink(links.resolve("relative"), Path.of("../thirteen"));
    Files.createSymbolicLink(links.resolve("absolute"), Path.of("/etc/hostname"));
    Files.createSymbolicLink(links.resolve("dangling"), Path.of("does/not/exist"));
    kinds.add(Kind.SYMLINKS);

    Path hard = Files.createDirectories(root.resolve("hard"));
    Files.writeString(hard.resolve("same-dir-a"), "two names, one inode\n");
    Files.createLink(hard.resolve("same-dir-b"), hard.resolve("same-dir-a"));
    Files.writeString(hard.resolve("across"), "linked from dir/nested too\n");
    Files.createLink(root.resolve("dir/nested/across-link"), hard.resolve("across"));
    kinds.add(Kind.HARD_LINKS);

    Path modes = Files.createDirectories(root.resolve("modes"));
    modeFile(modes.resolve("private"), 0600);
    modeFile(modes.resolve("exec"), 0755);
    modeFile(modes.resolve("readonly"), 0444);
    modeFile(modes.resolve("setuid"), 04755);
    modeFile(modes.resolve("setgid"), 02755);
    Path sticky = Files.createDirectories(modes.resolve("sticky-dir"));
    Files.writeString(sticky.resolve("inside"), "in a sticky dir\n");
    HostTools.chmod(sticky, 01777);
    HostTools.chmod(Files.createDirectories(modes.resolve("setgid-dir")), 02755);
    kinds.add(Kind.SPECIAL_MODES);

    addXattr(root.resolve("xattr.txt"));
    addSparse(root.resolve("sparse.img"));
    if (HostTools.isRoot()) {
      HostTools.exec("mkfifo", root.resolve("fifo").toString());
      kinds.add(Kind.FIFO);
      HostTools.exec("mknod", root.resolve("null-device").toString(), "c", "1", "3");
      kinds.add(Kind.CHAR_DEVICE);
      Files.writeString(root.resolve("owned"), "owned by 1234:5678\n");
      HostTools.exec("chown", "1234:5678", root.resolve("owned").toString());
      kinds.add(Kind.FOREIGN_OWNER);
    } else {
      skipped.add("FIFO, CHAR_DEVICE, FOREIGN_OWNER: not running as root");
    }
    Mtimes.setAll(root, BASE_TIME);
  }

  private static void modeFile(Path file, int mode) throws IOException {
    Files.writeString(file, "mode " + Integer.toOctalString(mode) + "\n");
    HostTools.chmod(file, mode);
  }

  private void addXattr(Path file) throws IOException {
    Files.writeString(file, "has a user.cairn xattr\n");
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    try {
      if (view == null) {
        throw new UnsupportedOperationException("no UserDefinedFileAttributeView");
      }
      view.write("cairn.binary", ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff, (byte) 0xfe, 10}));
      view.write("cairn.text", StandardCharsets.UTF_8.encode("hello"));
      kinds.add(Kind.XATTR);
    } catch (IOException | UnsupportedOperationException e) {
      skipped.add("XATTR: " + e);
    }
  }

  private void addSparse(Path file) throws IOException {
    byte[] data = random(1024 * 1024, 7);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(64L * 1024 * 1024);
      raf.getChannel().write(ByteBuffer.wrap(data), 32L * 1024 * 1024);
    }
    long allocated = HostTools.allocatedBytes(file);
    if (allocated < 32L * 1024 * 1024) {
      kinds.add(Kind.SPARSE_FILE);
    } else {
      skipped.add("SPARSE_FILE: file system allocated " + allocated + " bytes");
    }
  }

  /** Lines of numbered, repetitive text: compresses well, still chunk-able. */
  static byte[] compressibleText(int size) {
    StringBuilder sb = new StringBuilder(size + 64);
    for (int i = 0; sb.length() < size; i++) {
      sb.append("line ").append(i).append(": the quick brown fox jumps over the lazy dog\n");
    }
    return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code size} bytes from a SplitMix64 generator seeded with {@code seed}. */
  static byte[] random(int size, long seed) {
    byte[] out = new byte[size];
    long state = seed;
    for (int i = 0; i < size; i += 8) {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z ^= z >>> 31;
      for (int j = 0; j < 8 && i + j < size; j++) {
        out[i + j] = (byte) (z >>> (8 * j));
      }
    }
    return out;
  }
}
