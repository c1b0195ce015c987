package dev.cairn.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * File names that break naive code: spaces, quotes, backslashes, shell metacharacters, control
 * characters (tab, newline, 0x01, 0x7f), bytes that are not UTF-8 (0xff, 0xc3 0x28), NBSP,
 * U+2028, combining vs precomposed accents, an astral emoji, and a pair whose order differs
 * between UTF-16 and UTF-8 bytes (U+FF61 sorts after U+1F600 in UTF-16, before it in bytes).
 *
 * <p>Java Strings cannot name files that are not valid UTF-8, so the entries are created by
 * Python from hex-encoded byte names. Each name becomes a regular file containing its own name;
 * additionally a directory and a symlink get awkward names.
 */
public final class AwkwardNames {
  private AwkwardNames() {}

  /** The raw names created as files, in no particular order. */
  public static List<byte[]> names() {
    List<byte[]> names = new ArrayList<>();
    for (String s :
        List.of(
            "with space", " leading space", "trailing space ", "quote'single", "quote\"double",
            "back\\slash", "tab\there", "new\nline", "ctrl\u0001a", "del\u007f", "*glob?[x]",
            "$HOME;`id`|&", "-leading-dash", "100%d", "...", ".hidden", "nbsp\u00a0here",
            "line\u2028separator", "e\u0301-combining", "\u00e9-precomposed",
            "emoji-\uD83D\uDE00", "halfwidth-\uFF61", "Zupper", "alower")) {
      names.add(s.getBytes(StandardCharsets.UTF_8));
    }
    names.add(bytes("invalid-", 0xff));
    names.add(bytes("invalid-", 0xc3, 0x28));
    names.add(bytes("mixed-\u00e9-", 0xfe, 0x80));
    return names;
  }

  /** A directory name with a newline and an invalid byte. */
  static byte[] dirName() {
    return bytes("dir\nwith-", 0xff);
  }

  private static byte[] bytes(String prefix, int... raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
    for (int b : raw) {
      out.write(b);
    }
    return out.toByteArray();
  }

  private static final String SCRIPT =
      """
      import os, sys
      base = os.fsencode(sys.argv[1])
      t0 = int(sys.argv[2])
      names = [bytes.fromhex(h) for h in sys.argv[4:]]
      sub = os.path.join(base, bytes.fromhex(sys.argv[3]))
      os.makedirs(sub)
      made = []
      for name in names:
          p = os.path.join(base, name)
          with open(p, 'wb') as f:
              f.write(name + b'\\n')
          made.append(p)
      inner = os.path.join(sub, names[-1])
      with open(inner, 'wb') as f:
          f.write(b'inside an awkward directory\\n')
      link = os.path.join(sub, b'link-' + names[0])
      os.symlink(b'../' + names[-1], link)
      made += [inner, link, sub, base]
      for i, p in enumerate(made):
          os.utime(p, ns=(t0, t0 + i * 1000000007), follow_symlinks=False)
      """;

  /**
   * Creates {@code dir} with one file per {@link #names()} entry, a sub-directory named {@link
   * #dirName()} holding a file and a symlink, and mtimes from {@code base} upwards.
   */
  public static void create(Path dir, Instant base) {
    HexFormat hex = HexFormat.of();
    List<String> args = new ArrayList<>();
    args.add(dir.toAbsolutePath().toString());
    args.add(Long.toString(base.getEpochSecond() * 1_000_000_000L + base.getNano()));
    args.add(hex.formatHex(dirName()));
    for (byte[] name : names()) {
      args.add(hex.formatHex(name));
    }
    ensureAbsent(dir);
    HostTools.python(SCRIPT, args.toArray(String[]::new));
  }

  private static void ensureAbsent(Path dir) {
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalStateException(dir + " already exists");
    }
  }
}
