package dev.cairn.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * User and group names for numeric ids and back, read once from {@code /etc/passwd} and {@code
 * /etc/group} (the first entry for an id wins, as with {@code getpwuid}). Accounts that only exist
 * in other NSS sources (LDAP, systemd-homed) are not seen; their names come out as {@code null},
 * which restic stores as an omitted {@code user}/{@code group} field.
 *
 * <p>Thread-safe. Files are read lazily on first use and then cached for the life of the
 * instance; a missing or unreadable file yields empty tables.
 */
public final class Accounts {

  private static final Accounts SYSTEM = new Accounts(Path.of("/etc/passwd"), Path.of("/etc/group"));

  private final Path passwdFile;
  private final Path groupFile;
  private volatile Table users;
  private volatile Table groups;

  private record Table(Map<Integer, String> names, Map<String, Integer> ids) {}

  /** Accounts read from the given files in {@code passwd(5)} / {@code group(5)} format. */
  public Accounts(Path passwdFile, Path groupFile) {
    this.passwdFile = passwdFile;
    this.groupFile = groupFile;
  }

  /** The accounts of this host, shared. */
  public static Accounts system() {
    return SYSTEM;
  }

  /** The name of user {@code uid}, or {@code null} if unknown. */
  public String userName(int uid) {
    return users().names.get(uid);
  }

  /** The name of group {@code gid}, or {@code null} if unknown. */
  public String groupName(int gid) {
    return groups().names.get(gid);
  }

  /** The uid of user {@code name}, or {@code -1} if unknown. */
  public int uidOf(String name) {
    return users().ids.getOrDefault(name, -1);
  }

  /** The gid of group {@code name}, or {@code -1} if unknown. */
  public int gidOf(String name) {
    return groups().ids.getOrDefault(name, -1);
  }

  /**
   * The effective uid of this process, from the {@code Uid:} line of {@code /proc/self/status}
   * (the owner of {@code /proc/self} is not reliable: it is root for non-dumpable processes);
   * {@code -1} if that cannot be read.
   */
  public static int effectiveUid() {
    return EffectiveUid.VALUE;
  }

  /** True when this process runs with effective uid 0. */
  public static boolean isRoot() {
    return effectiveUid() == 0;
  }

  private static final class EffectiveUid {
    static final int VALUE = read();

    private static int read() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
          if (line.startsWith("Uid:")) { // real, effective, saved, file system
            return Integer.parseUnsignedInt(line.substring(4).trim().split("\\s+")[1]);
          }
        }
      } catch (IOException | RuntimeException e) {
        // fall through
      }
      return -1;
    }
  }

  private Table users() {
    Table t = users;
    if (t == null) {
      synchronized (this) {
        if (users == null) {
          users = load(passwdFile);
        }
        t = users;
      }
    }
    return t;
  }

  private Table groups() {
    Table t = groups;
    if (t == null) {
      synchronized (this) {
        if (groups == null) {
          groups = load(groupFile);
        }
        t = groups;
      }
    }
    return t;
  }

  /** Both formats have the name in field 0 and the numeric id in field 2. */
  private static Table load(Path file) {
    Map<Integer, String> names = new HashMap<>();
    Map<String, Integer> ids = new HashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      lines = List.of();
    } catch (IOException | RuntimeException e) { // unreadable or not UTF-8
      try {
        lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
      } catch (IOException e2) {
        lines = List.of();
      }
    }
    for (String line : lines) {
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) {
        continue;
      }
      String[] fields = line.split(":", -1);
      if (fields.length < 3 || fields[0].isEmpty()) {
        continue;
      }
      int id;
      try {
        id = Integer.parseUnsignedInt(fields[2].trim());
      } catch (NumberFormatException e) {
        continue;
      }
      names.putIfAbsent(id, fields[0]);
      ids.putIfAbsent(fields[0], id);
    }
    return new Table(Map.copyOf(names), Map.copyOf(ids));
  }
}
