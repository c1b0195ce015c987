package dev.cairn.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A canonical description of a directory tree, for comparing an original tree with a restored
 * one. It is produced by an embedded Python script ({@code os.lstat} on bytes paths), so file
 * names that are not valid UTF-8 and every file type are described exactly.
 *
 * <p>Per entry it records the {@linkplain Aspect aspects} below. Access and change times are never
 * recorded: reading a tree changes atime, and ctime cannot be set. Directory sizes and link counts
 * are not recorded either (they depend on the file system); hard links are captured instead as a
 * group: the first path (in byte order) sharing the entry's (device, inode) within the tree.
 *
 * <p>Through restic 0.14's own backup and restore, as root on ext4, everything survives (names
 * that are not UTF-8 included) except
 *
 * <ul>
 *   <li>{@link Aspect#SPARSE}: restic 0.14 has no {@code restore --sparse}, holes come back as
 *       written zeros;
 *   <li>symlink targets that are not valid UTF-8: restic 0.14 stores the target as a JSON string,
 *       so invalid bytes come back as U+FFFD (restic 0.17 added {@code linktarget_raw}).
 * </ul>
 *
 * <p>Compare such trees with {@link Options#resticRoundTrip()}, which tolerates exactly these.
 */
public final class TreeSnapshot {
  /** The recorded attributes of an entry. */
  public enum Aspect {
    /** dir, file, symlink, fifo, chardev, blockdev, socket. */
    TYPE,
    /** Permission bits including setuid, setgid and sticky, four octal digits. */
    MODE,
    /** Owner id. */
    UID,
    /** Group id. */
    GID,
    /** Size in bytes, files and symlinks only. */
    SIZE,
    /** Modification time in nanoseconds since the epoch. */
    MTIME,
    /** Symlink target bytes, hex. */
    TARGET,
    /** Device number {@code major:minor}, device nodes only. */
    RDEV,
    /** Extended attributes, sorted, {@code hex(name)=hex(value)} joined by commas, or "-". */
    XATTRS,
    /** SHA-256 of the content, regular files only. */
    SHA256,
    /**
     * Regular files of at least 64 KiB: {@code sparse} if fewer than half the bytes are
     * allocated, else {@code dense}; smaller files are always {@code dense}.
     */
    SPARSE,
    /** Hex path of the first entry with the same inode, or "-" when the inode has one name. */
    HARDLINK
  }

  /**
   * What {@link #diff(TreeSnapshot, Options)} ignores.
   *
   * @param ignored aspects never compared
   * @param ignoreSymlinkMtime whether to skip mtimes of symlinks
   * @param ignoreDirMtime whether to skip mtimes of directories
   * @param ignoreRoot whether to skip the root entry itself
   * @param lossySymlinkTargets whether to compare symlink targets (and sizes) only after replacing
   *     bytes that are not UTF-8 with U+FFFD, as restic 0.14 stores them
   */
  public record Options(
      Set<Aspect> ignored,
      boolean ignoreSymlinkMtime,
      boolean ignoreDirMtime,
      boolean ignoreRoot,
      boolean lossySymlinkTargets) {
    /** Copies {@code ignored}. */
    public Options {
      ignored = ignored.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(ignored));
    }

    /** Compares every recorded aspect of every entry. */
    public static Options strict() {
      return new Options(Set.of(), false, false, false, false);
    }

    /**
     * What survives restic 0.14's backup and restore: everything but {@link Aspect#SPARSE}, and
     * symlink targets only {@linkplain #lossySymlinkTargets() up to invalid UTF-8}.
     */
    public static Options resticRoundTrip() {
      return new Options(Set.of(Aspect.SPARSE), false, false, false, true);
    }

    /** These options, also ignoring {@code aspects}. */
    public Options ignoring(Aspect... aspects) {
      EnumSet<Aspect> set = EnumSet.noneOf(Aspect.class);
      set.addAll(ignored);
      set.addAll(List.of(aspects));
      return new Options(set, ignoreSymlinkMtime, ignoreDirMtime, ignoreRoot, lossySymlinkTargets);
    }

    /** These options, also ignoring symlink mtimes. */
    public Options ignoringSymlinkMtime() {
      return new Options(ignored, true, ignoreDirMtime, ignoreRoot, lossySymlinkTargets);
    }

    /** These options, also ignoring directory mtimes. */
    public Options ignoringDirMtime() {
      return new Options(ignored, ignoreSymlinkMtime, true, ignoreRoot, lossySymlinkTargets);
    }

    /** These options, also ignoring the root entry. */
    public Options ignoringRoot() {
      return new Options(ignored, ignoreSymlinkMtime, ignoreDirMtime, true, lossySymlinkTargets);
    }

    /** These options, also comparing symlink targets as restic 0.14 keeps them. */
    public Options withLossySymlinkTargets() {
      return new Options(ignored, ignoreSymlinkMtime, ignoreDirMtime, ignoreRoot, true);
    }

    String normalize(TreeEntry entry, Aspect aspect, String value) {
      if (!lossySymlinkTargets || value == null || !"symlink".equals(entry.type())) {
        return value;
      }
      String target = entry.attributes().get(Aspect.TARGET);
      byte[] raw = HexFormat.of().parseHex(aspect == Aspect.TARGET ? value : target);
      byte[] lossy = new String(raw, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
      return switch (aspect) {
        case TARGET -> HexFormat.of().formatHex(lossy);
        case SIZE -> Long.toString(lossy.length);
        default -> value;
      };
    }

    boolean skips(TreeEntry entry, Aspect aspect) {
      if (ignored.contains(aspect)) {
        return true;
      }
      if (aspect == Aspect.MTIME) {
        return ignoreSymlinkMtime && "symlink".equals(entry.type())
            || ignoreDirMtime && "dir".equals(entry.type());
      }
      return false;
    }
  }

  private final Path root;
  private final Map<String, TreeEntry> entries;

  private TreeSnapshot(Path root, Map<String, TreeEntry> entries) {
    this.root = root;
    this.entries = entries;
  }

  /** Describes the tree at {@code root} (the root itself is the entry with the empty path). */
  public static TreeSnapshot of(Path root) {
    String out = HostTools.python(TreeScript.SOURCE, root.toAbsolutePath().toString()).stdoutText();
    Map<String, TreeEntry> entries = new TreeMap<>();
    for (String line : out.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\t");
      Map<Aspect, String> attributes = new EnumMap<>(Aspect.class);
      for (int i = 1; i < fields.length; i++) {
        int eq = fields[i].indexOf('=');
        attributes.put(Aspect.valueOf(fields[i].substring(0, eq)), fields[i].substring(eq + 1));
      }
      entries.put(fields[0], new TreeEntry(fields[0], attributes));
    }
    return new TreeSnapshot(root, entries);
  }

  /** The described root directory. */
  public Path root() {
    return root;
  }

  /** All entries in byte order of their paths, the root first. */
  public Collection<TreeEntry> entries() {
    return entries.values();
  }

  /** The entry at {@code relativePath} (UTF-8, {@code /}-separated; "" for the root). */
  public Optional<TreeEntry> get(String relativePath) {
    return get(relativePath.getBytes(StandardCharsets.UTF_8));
  }

  /** The entry at the raw relative path {@code relativePath}. */
  public Optional<TreeEntry> get(byte[] relativePath) {
    return Optional.ofNullable(entries.get(HexFormat.of().formatHex(relativePath)));
  }

  /** Differences with strict {@link Options}; {@code this} is expected, {@code other} actual. */
  public List<String> diff(TreeSnapshot other) {
    return diff(other, Options.strict());
  }

  /** Human-readable differences, one per entry and aspect; empty when the trees match. */
  public List<String> diff(TreeSnapshot other, Options options) {
    List<String> out = new ArrayList<>();
    TreeMap<String, TreeEntry> all = new TreeMap<>(entries);
    other.entries.forEach(all::putIfAbsent);
    for (String key : all.keySet()) {
      if (key.isEmpty() && options.ignoreRoot()) {
        continue;
      }
      TreeEntry want = entries.get(key);
      TreeEntry got = other.entries.get(key);
      if (got == null) {
        out.add("missing: " + want.displayPath() + " (" + want.type() + ")");
      } else if (want == null) {
        out.add("unexpected: " + got.displayPath() + " (" + got.type() + ")");
      } else {
        for (Aspect aspect : Aspect.values()) {
          String a = options.normalize(want, aspect, want.attributes().get(aspect));
          String b = options.normalize(got, aspect, got.attributes().get(aspect));
          if (!options.skips(want, aspect) && !java.util.Objects.equals(a, b)) {
            out.add(want.displayPath() + ": " + aspect + " " + show(aspect, a) + " != "
                + show(aspect, b));
          }
        }
      }
    }
    return out;
  }

  private static String show(Aspect aspect, String value) {
    if (value == null) {
      return "(none)";
    }
    if (aspect == Aspect.TARGET || aspect == Aspect.HARDLINK && !value.equals("-")) {
      return "\"" + TreeEntry.display(HexFormat.of().parseHex(value)) + "\"";
    }
    return value;
  }

  /** Fails, listing the differences, unless the two trees match under strict options. */
  public static void assertSameAs(Path expected, Path actual) {
    assertSameAs(expected, actual, Options.strict());
  }

  /** Fails, listing the differences, unless the two trees match under {@code options}. */
  public static void assertSameAs(Path expected, Path actual, Options options) {
    List<String> differences = of(expected).diff(of(actual), options);
    assertThat(differences)
        .withFailMessage(
            () -> "trees differ: expected " + expected + ", actual " + actual + "\n  "
                + String.join("\n  ", differences))
        .isEmpty();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(root.toString()).append('\n');
    for (TreeEntry e : entries.values()) {
      sb.append("  ").append(e.displayPath()).append(' ').append(e.attributes()).append('\n');
    }
    return sb.toString();
  }
}
