package dev.cairn.testing;

/**
 * The Python script behind {@link TreeSnapshot#of}: walks the tree given as its argument without
 * following symlinks and prints one line per entry, {@code hex(path)} then tab-separated {@code
 * ASPECT=value} fields, where the aspect names are those of {@link TreeSnapshot.Aspect}.
 */
final class TreeScript {
  private TreeScript() {}

  static final String SOURCE =
      """
      import hashlib, os, stat, sys
      root = os.fsencode(sys.argv[1])
      found = []
      def walk(rel):
          full = os.path.join(root, rel) if rel else root
          st = os.lstat(full)
          found.append((rel, full, st))
          if stat.S_ISDIR(st.st_mode):
              for name in os.listdir(full):
                  walk(os.path.join(rel, name) if rel else name)
      walk(b'')
      found.sort(key=lambda e: e[0])
      inodes = {}
      for rel, full, st in found:
          if not stat.S_ISDIR(st.st_mode):
              inodes.setdefault((st.st_dev, st.st_ino), []).append(rel)
      kinds = [(stat.S_ISDIR, 'dir'), (stat.S_ISREG, 'file'), (stat.S_ISLNK, 'symlink'),
               (stat.S_ISFIFO, 'fifo'), (stat.S_ISCHR, 'chardev'), (stat.S_ISBLK, 'blockdev'),
               (stat.S_ISSOCK, 'socket')]
      out = sys.stdout
      for rel, full, st in found:
          kind = next((name for test, name in kinds if test(st.st_mode)), 'unknown')
          f = [('TYPE', kind), ('MODE', '%04o' % stat.S_IMODE(st.st_mode)),
               ('UID', str(st.st_uid)), ('GID', str(st.st_gid)), ('MTIME', str(st.st_mtime_ns))]
          if kind in ('file', 'symlink'):
              f.append(('SIZE', str(st.st_size)))
          if kind == 'symlink':
              f.append(('TARGET', os.readlink(full).hex()))
          if kind in ('chardev', 'blockdev'):
              f.append(('RDEV', '%d:%d' % (os.major(st.st_rdev), os.minor(st.st_rdev))))
          if kind == 'file':
              h = hashlib.sha256()
              with open(full, 'rb') as fh:
                  for block in iter(lambda: fh.read(1 << 20), b''):
                      h.update(block)
              f.append(('SHA256', h.hexdigest()))
              holey = st.st_size >= 65536 and st.st_blocks * 512 < st.st_size // 2
              f.append(('SPARSE', 'sparse' if holey else 'dense'))
          try:
              names = sorted(os.listxattr(full, follow_symlinks=False))
              pairs = [os.fsencode(n).hex() + '=' + os.getxattr(full, n, follow_symlinks=False).hex()
                       for n in names]
          except OSError:
              pairs = []
          f.append(('XATTRS', ','.join(pairs) if pairs else '-'))
          if kind != 'dir':
              group = inodes[(st.st_dev, st.st_ino)]
              f.append(('HARDLINK', group[0].hex() if len(group) > 1 else '-'))
          out.write(rel.hex() + ''.join('\\t' + k + '=' + v for k, v in f) + '\\n')
      """;
}
