package dev.cairn.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCreatorTest {

  private static final byte[] BAD = {'b', 'a', 'd', (byte) 0xff, ' ', '"', '\\', '\n'};

  @TempDir Path dir;
  private final FileCreator creator = new FileCreator();
  private final FileScanner scanner = new FileScanner();

  private Path awkward(String prefix) {
    byte[] name = new byte[prefix.length() + BAD.length];
    System.arraycopy(prefix.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, name, 0, prefix.length());
    System.arraycopy(BAD, 0, name, prefix.length(), BAD.length);
    return dir.resolve(RawNames.path(name));
  }

  @Test
  void mkdirSymlinkAndHardlink() throws Exception {
    Path sub = awkward("dir");
    creator.mkdir(sub);
    assertThat(scanner.lstat(sub).kind()).isEqualTo(FileStat.Kind.DIRECTORY);
    assertThat(scanner.list(sub)).isEmpty();

    byte[] dangling = {'.', '.', '/', 'g', 'o', 'n', 'e', (byte) 0xfe, (byte) 0x80, '/'};
    Path link = awkward("link");
    creator.symlink(link, dangling);
    assertThat(scanner.readLink(link)).isEqualTo(dangling);
    assertThat(Files.exists(link)).isFalse();

    Path file = Files.writeString(awkward("file"), "content");
    Path hard = awkward("hard");
    creator.hardlink(hard, file);
    assertThat(scanner.lstat(hard).ino()).isEqualTo(scanner.lstat(file).ino());
    assertThat(scanner.lstat(hard).nlink()).isEqualTo(2);

    assertThatThrownBy(() -> creator.mkdir(sub))
        .isInstanceOf(FileOperationException.class)
        .hasMessageContaining("mkdir \"" + dir + "/dirbad\\xff \\\"\\\\\\n\": file exists");
  }

  @Test
  void setTimesWithNanosOnFileDirAndSymlinkWithoutFollowing() throws Exception {
    Path file = Files.writeString(awkward("file"), "x");
    Path link = awkward("link");
    creator.symlink(link, RawNames.name(file));
    Instant targetMtime = scanner.lstat(file).mtime();
    Instant atime = Instant.ofEpochSecond(1_000_000_000L, 123_456_789);
    Instant mtime = Instant.ofEpochSecond(1_100_000_000L, 987_654_321);

    creator.setTimes(link, atime, mtime);
    FileStat linkStat = scanner.lstat(link);
    assertThat(linkStat.atime()).isEqualTo(atime);
    assertThat(linkStat.mtime()).isEqualTo(mtime);
    assertThat(scanner.lstat(file).mtime()).isEqualTo(targetMtime);

    creator.setTimes(link, mtime, mtime); // the single-touch path of the fallback
    assertThat(scanner.lstat(link).atime()).isEqualTo(mtime);

    creator.setTimes(file, atime, mtime);
    assertThat(scanner.lstat(file).atime()).isEqualTo(atime);
    assertThat(scanner.lstat(file).mtime()).isEqualTo(mtime);

    Path file2 = Files.writeString(awkward("file2"), "y");
    creator.setFileTimes(file2, atime, mtime);
    assertThat(scanner.lstat(file2).atime()).isEqualTo(atime);
    assertThat(scanner.lstat(file2).mtime()).isEqualTo(mtime);
    Path sub = Files.createDirectory(awkward("sub"));
    creator.setFileTimes(sub, mtime, atime);
    assertThat(scanner.lstat(sub).atime()).isEqualTo(mtime);
    assertThat(scanner.lstat(sub).mtime()).isEqualTo(atime);

    Instant old = Instant.ofEpochSecond(-2, 500_000_001);
    creator.setFileTimes(file2, old, old);
    assertThat(scanner.lstat(file2).mtime()).isEqualTo(old);
    creator.setTimes(dir, old, old);
    assertThat(scanner.lstat(dir).mtime()).isEqualTo(old);
    assertThat(FileCreator.touchDate(old)).isEqualTo("@-1.499999999");
  }

  @Test
  void chmodWithSpecialBits() throws Exception {
    Path file = Files.writeString(awkward("file"), "x");
    Path sub = Files.createDirectory(awkward("dir"));
    for (int mode : new int[] {04755, 02755, 06711, 0600, 0}) {
      creator.chmod(file, mode | 0100000);
      assertThat(scanner.lstat(file).permissions()).isEqualTo(mode);
    }
    creator.chmod(sub, 01777);
    assertThat(scanner.lstat(sub).permissions()).isEqualTo(01777);
    assertThat(scanner.lstat(sub).mode()).isEqualTo(041777);
    creator.chmod(sub, 02755);
    assertThat(scanner.lstat(sub).permissions()).isEqualTo(02755);
  }

  @Test
  void xattrWriteAndReadBack() throws Exception {
    Path file = Files.writeString(awkward("file"), "x");
    byte[] value = {0, 1, (byte) 0xff, '\n'};
    try {
      creator.setXattr(file, "user.test", value);
    } catch (FileOperationException e) {
      assumeThat(e.getMessage()).as("xattrs unsupported here").doesNotContain("not supported");
      throw e;
    }
    creator.setXattr(file, Xattr.ofText("user.mime_type", "text/plain"));
    assertThat(scanner.readXattrs(file)).containsExactlyInAnyOrder(
        new Xattr("user.test", value), Xattr.ofText("user.mime_type", "text/plain"));
    assertThatThrownBy(() -> creator.setXattr(file, "trusted.x", value))
        .isInstanceOf(FileOperationException.class).hasMessageContaining("only user.*");
  }

  @Test
  void fifoWithRawName() throws Exception {
    Path fifo = awkward("fifo");
    creator.mkfifo(fifo, 0640);
    FileStat st = scanner.lstat(fifo);
    assertThat(st.kind()).isEqualTo(FileStat.Kind.FIFO);
    assertThat(st.permissions()).isEqualTo(0640);
    assertThat(scanner.list(dir)).containsExactly(fifo); // no temporary name left behind
    assertThatThrownBy(() -> creator.mkfifo(fifo, 0640)).isInstanceOf(FileOperationException.class)
        .hasMessageContaining("mkfifo");
    assertThatThrownBy(() -> creator.setXattr(fifo, "user.x", new byte[1]))
        .hasMessageContaining("only regular files and directories");
    Path plain = dir.resolve("plain-fifo");
    creator.mkfifo(plain, 0600);
    assertThat(scanner.lstat(plain).kind()).isEqualTo(FileStat.Kind.FIFO);
  }

  @Test
  void mknodCharDeviceAsRoot() throws Exception {
    assumeThat(StatCommand.isRoot()).as("mknod needs root").isTrue();
    Path node = awkward("null");
    creator.mknod(node, true, FileStat.makedev(1, 3), 0666);
    FileStat st = scanner.lstat(node);
    assertThat(st.kind()).isEqualTo(FileStat.Kind.CHAR_DEVICE);
    assertThat(FileStat.major(st.rdev())).isEqualTo(1);
    assertThat(FileStat.minor(st.rdev())).isEqualTo(3);
    assertThat(st.permissions()).isEqualTo(0666);
    Path block = dir.resolve("block");
    creator.mknod(block, false, FileStat.makedev(7, 300), 0600);
    assertThat(scanner.lstat(block).kind()).isEqualTo(FileStat.Kind.BLOCK_DEVICE);
    assertThat(scanner.lstat(block).rdev()).isEqualTo(FileStat.makedev(7, 300));
  }

  @Test
  void lchownChangesTheSymlinkNotItsTarget() throws Exception {
    Path file = Files.writeString(awkward("file"), "x");
    Path link = awkward("link");
    creator.symlink(link, RawNames.bytes(file));
    FileStat before = scanner.lstat(file);
    if (!StatCommand.isRoot()) {
      assertThat(creator.lchown(link, 0, 0)).isFalse(); // EPERM ignored
      assertThat(scanner.lstat(link).uid()).isEqualTo(before.uid());
      assertThat(creator.lchown(file, before.uid(), before.gid())).isTrue();
      return;
    }
    assertThat(creator.lchown(link, 1234, 2345)).isTrue();
    assertThat(scanner.lstat(link).uid()).isEqualTo(1234);
    assertThat(scanner.lstat(link).gid()).isEqualTo(2345);
    assertThat(scanner.lstat(file).uid()).isEqualTo(before.uid());
    assertThat(scanner.lstat(file).gid()).isEqualTo(before.gid());
  }

  @Test
  void errorsNameOperationAndPath() {
    Path missing = awkward("missing");
    assertThatThrownBy(() -> creator.chmod(missing, 0644))
        .isInstanceOf(FileOperationException.class)
        .hasMessageStartingWith("chmod \"" + dir + "/missingbad\\xff")
        .hasCauseInstanceOf(FileSystemException.class);
    assertThatThrownBy(() -> creator.setTimes(missing, Instant.EPOCH, Instant.EPOCH))
        .hasMessageStartingWith("utimensat ");
  }
}
