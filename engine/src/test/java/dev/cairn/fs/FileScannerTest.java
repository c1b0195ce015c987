package dev.cairn.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileScannerTest {

  @TempDir Path dir;
  private final FileScanner scanner = new FileScanner();

  @Test
  void lstatMatchesCoreutilsStatForFileDirAndSymlink() throws Exception {
    Path file = Files.write(dir.resolve("file"), new byte[1234]);
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("file"));
    for (Path p : List.of(file, sub, link)) {
      FileStat st = scanner.lstat(p);
      String[] f = StatCommand.stat("%f %i %d %h %u %g %s %.9X %.9Y %.9Z %t %T", p).split(" ");
      assertThat(st.mode()).as("mode of %s", p).isEqualTo(Integer.parseInt(f[0], 16));
      assertThat(Long.toUnsignedString(st.ino())).isEqualTo(f[1]);
      assertThat(Long.toUnsignedString(st.dev())).isEqualTo(f[2]);
      assertThat(st.nlink()).isEqualTo(Integer.parseInt(f[3]));
      assertThat(st.uid()).isEqualTo(Integer.parseInt(f[4]));
      assertThat(st.gid()).isEqualTo(Integer.parseInt(f[5]));
      assertThat(st.size()).isEqualTo(Long.parseLong(f[6]));
      assertThat(seconds(st.atime())).isEqualTo(f[7]);
      assertThat(seconds(st.mtime())).isEqualTo(f[8]);
      assertThat(seconds(st.ctime())).isEqualTo(f[9]);
      assertThat(st.rdev()).isZero();
    }
    assertThat(scanner.lstat(file).kind()).isEqualTo(FileStat.Kind.REGULAR);
    assertThat(scanner.lstat(sub).kind()).isEqualTo(FileStat.Kind.DIRECTORY);
    assertThat(scanner.lstat(link).kind()).isEqualTo(FileStat.Kind.SYMLINK);
    assertThat(scanner.lstat(link).size()).isEqualTo(4);
  }

  @Test
  void directLstatAgreesWithThePublicAttributeApi() throws Exception {
    assertThat(PosixCalls.canStat()).as("sun.nio.fs is opened for the tests").isTrue();
    Path file = Files.write(dir.resolve("f"), new byte[77]);
    Path link = Files.createSymbolicLink(dir.resolve("l"), Path.of("dangling/target"));
    Path hard = Files.createLink(dir.resolve("h"), file);
    FileScanner scanner = new FileScanner();
    for (Path p : List.of(file, link, hard, dir, Path.of("/dev/null"))) {
      if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        assertThat(PosixCalls.lstat(p)).as(p.toString()).isEqualTo(scanner.lstatPortable(p));
      }
    }
    assertThat(org.assertj.core.api.Assertions.catchThrowable(
        () -> scanner.lstat(dir.resolve("missing")))).isInstanceOf(FileOperationException.class)
        .hasMessageContaining("lstat").hasMessageContaining("missing");
  }

  @Test
  void lstatOfDeviceNode() throws Exception {
    Path devNull = Path.of("/dev/null");
    assumeThat(Files.exists(devNull)).isTrue();
    FileStat st = scanner.lstat(devNull);
    String[] f = StatCommand.stat("%t %T", devNull).split(" ");
    assertThat(st.kind()).isEqualTo(FileStat.Kind.CHAR_DEVICE);
    assertThat(FileStat.major(st.rdev())).isEqualTo(Long.parseLong(f[0], 16));
    assertThat(FileStat.minor(st.rdev())).isEqualTo(Long.parseLong(f[1], 16));
    assertThat(FileStat.makedev(FileStat.major(st.rdev()), FileStat.minor(st.rdev()))).isEqualTo(st.rdev());
    assertThat(FileStat.makedev(259, 300000)).isEqualTo(0x493103e0L)
        .satisfies(d -> assertThat(FileStat.minor(d)).isEqualTo(300000))
        .satisfies(d -> assertThat(FileStat.major(d)).isEqualTo(259));
    assertThat(FileStat.minor(FileStat.makedev(4095 + 1, 1L << 19))).isEqualTo(1L << 19);
  }

  private static String seconds(Instant t) {
    return String.format("%d.%09d", t.getEpochSecond(), t.getNano());
  }

  @Test
  void hardLinksShareInodeAndCountLinks() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "x");
    Path b = Files.createLink(dir.resolve("b"), a);
    FileStat sa = scanner.lstat(a);
    FileStat sb = scanner.lstat(b);
    assertThat(sa.ino()).isEqualTo(sb.ino());
    assertThat(sa.dev()).isEqualTo(sb.dev());
    assertThat(sa.nlink()).isEqualTo(2);
    assertThat(sb.nlink()).isEqualTo(2);
  }

  @Test
  void readLinkReturnsRawTargetsAlsoDanglingAndInvalidUtf8() throws Exception {
    byte[] target = {'/', 'n', 'o', '/', 's', 'u', 'c', 'h', (byte) 0xff, '/', '/', 'x'};
    Path link = Files.createSymbolicLink(dir.resolve("l"), RawNames.anyPath(target));
    assertThat(Files.exists(link)).isFalse();
    assertThat(scanner.readLink(link)).isEqualTo(target);
    assertThat(scanner.lstat(link).size()).isEqualTo(target.length);
  }

  @Test
  void readXattrsWithPrefixAndBinaryValues() throws Exception {
    Path file = Files.writeString(dir.resolve("x"), "x");
    UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    try {
      view.write("test", ByteBuffer.wrap(new byte[] {0, (byte) 0xff, 10}));
    } catch (java.nio.file.FileSystemException e) {
      assumeThat(e.getMessage()).as("xattrs unsupported here").doesNotContain("not supported");
      throw e;
    }
    view.write("empty", ByteBuffer.allocate(0));
    assertThat(scanner.readXattrs(file)).containsExactlyInAnyOrder(
        new Xattr("user.test", new byte[] {0, (byte) 0xff, 10}), new Xattr("user.empty", new byte[0]));
    Path link = Files.createSymbolicLink(dir.resolve("l"), file);
    assertThat(scanner.readXattrs(link)).isEmpty();
    assertThat(scanner.readXattrs(Files.createDirectory(dir.resolve("d")))).isEmpty();
  }

  @Test
  void readXattrsSkipsFifosWithoutBlocking() throws Exception {
    Path fifo = dir.resolve("fifo");
    StatCommand.run("mkfifo", fifo.toString());
    assertThat(scanner.readXattrs(fifo)).isEmpty();
  }

  @Test
  void accountsMapIdsToNamesAndBack() throws Exception {
    Path passwd = Files.writeString(dir.resolve("passwd"),
        "root:x:0:0:root:/root:/bin/bash\n# comment\nalice:x:1000:1000::/home/alice:/bin/sh\n"
            + "alias:x:1000:1000::/:/bin/sh\nbroken line\nhuge:x:4294967294:1::/:/bin/sh\n");
    Path group = Files.writeString(dir.resolve("group"), "root:x:0:\nstaff:x:50:alice,bob\n");
    Accounts accounts = new Accounts(passwd, group);
    assertThat(accounts.userName(0)).isEqualTo("root");
    assertThat(accounts.userName(1000)).isEqualTo("alice");
    assertThat(accounts.userName(-2)).isEqualTo("huge");
    assertThat(accounts.userName(4242)).isNull();
    assertThat(accounts.groupName(50)).isEqualTo("staff");
    assertThat(accounts.groupName(51)).isNull();
    assertThat(accounts.uidOf("alias")).isEqualTo(1000);
    assertThat(accounts.gidOf("staff")).isEqualTo(50);
    assertThat(accounts.uidOf("nobody-here")).isEqualTo(-1);
    assertThat(new Accounts(dir.resolve("none"), dir.resolve("none")).userName(0)).isNull();
    assertThat(scanner.userName(0)).isEqualTo("root");
    assertThat(scanner.groupName(0)).isEqualTo("root");
  }

  @Test
  void effectiveUidMatchesIdCommand() throws Exception {
    assertThat(Accounts.effectiveUid()).isEqualTo(Integer.parseInt(StatCommand.run("id", "-u")));
  }
}
