#!/usr/bin/env python3
"""Keeps bench/run's mutable source tree (a cp -a copy of the dataset) reusable across mutate runs.

  srctree.py manifest SRC MANIFEST          record every entry of the pristine copy SRC
  srctree.py revert DATASET SRC MANIFEST    undo whatever was done to SRC since the manifest was
                                            written, then write it again (the new clean state)

The mutate op backs up SRC once per tool (the parent snapshot), then in every run mutates SRC,
times the backup and reverts SRC. Both tools decide what to re-read from the parent snapshot's
size, mtime, ctime and inode, so the revert must leave every entry the mutation did not touch
exactly as it was: same inode, same ctime. It therefore changes only entries whose (inode, ctime)
differ from the manifest, or that were added or deleted:

- entries that are not in the manifest are deleted;
- entries that are missing are copied back from DATASET (contents, mode, mtime);
- regular files whose inode or ctime changed are rewritten in place from DATASET (same inode,
  so hard links stay linked, and the directory is not touched) and get DATASET's mode and mtime;
- directories whose mtime or mode differ from DATASET's get DATASET's.

Any write to a file changes its ctime, so an entry with its manifest inode and ctime still has its
manifest contents. The entries rewritten here do get a new ctime; gen-dataset.sh mutate is
deterministic given seed, round and tree (the tree's names, sizes and link counts; not inodes or
ctimes), so the next mutation of the same round touches them again and the set of entries that
differ from the parent snapshot is exactly the set the mutation touched, as with a fresh copy.
After the revert the whole tree is compared with DATASET (type, mode, size, mtime, link count,
symlink target; contents of every rewritten file); any difference is an error (exit 1, manifest
unchanged). Otherwise the manifest is rewritten with the reverted tree's inodes and ctimes, so
that the next revert touches only what was changed after this one: a file this revert rewrote
but the next mutation leaves alone keeps its new ctime from then on.
"""
import json
import os
import shutil
import stat
import sys


def scan(root):
    """relative path -> lstat result, for every entry below root (not root itself)."""
    out = {}
    stack = [""]
    while stack:
        rel = stack.pop()
        with os.scandir(os.path.join(root, rel) if rel else root) as it:
            for e in it:
                r = rel + os.sep + e.name if rel else e.name
                st = e.stat(follow_symlinks=False)
                out[r] = st
                if stat.S_ISDIR(st.st_mode):
                    stack.append(r)
    return out


def depth(rel):
    return rel.count(os.sep)


def kind(st):
    return stat.S_IFMT(st.st_mode)


def copy_from(src_path, dst_path, d):
    """Create dst_path as a copy of the dataset entry src_path (lstat d)."""
    if stat.S_ISDIR(d.st_mode):
        os.mkdir(dst_path)
        os.chmod(dst_path, stat.S_IMODE(d.st_mode))
    elif stat.S_ISLNK(d.st_mode):
        os.symlink(os.readlink(src_path), dst_path)
        os.utime(dst_path, ns=(d.st_atime_ns, d.st_mtime_ns), follow_symlinks=False)
    elif stat.S_ISREG(d.st_mode):
        if d.st_nlink > 1:
            sys.exit("srctree.py: cannot restore hard-linked file %s (deleted by the mutation?)" % dst_path)
        shutil.copyfile(src_path, dst_path, follow_symlinks=False)
        os.chmod(dst_path, stat.S_IMODE(d.st_mode))
        os.utime(dst_path, ns=(d.st_atime_ns, d.st_mtime_ns))
    else:
        sys.exit("srctree.py: cannot restore %s (type %o)" % (dst_path, kind(d)))


def remove(path, st):
    if stat.S_ISDIR(st.st_mode):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def meta(st, path):
    m = (kind(st), stat.S_IMODE(st.st_mode), st.st_nlink, st.st_mtime_ns)
    if stat.S_ISREG(st.st_mode):
        m += (st.st_size,)
    if stat.S_ISLNK(st.st_mode):
        m += (os.readlink(path),)
    return m


def same_contents(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x = fa.read(1 << 20)
            y = fb.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def manifest(src, out, tree=None):
    entries = {rel: [st.st_ino, st.st_ctime_ns] for rel, st in (tree or scan(src)).items()}
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(entries, f)
    os.replace(tmp, out)
    print("srctree.py: %d entries recorded in %s" % (len(entries), out))


def revert(dataset, src, manifest_file):
    with open(manifest_file) as f:
        man = json.load(f)
    cur = scan(src)
    stats = dict(removed=0, restored=0, rewritten=0, dirs=0)
    rewritten = []

    # 1. entries the mutation added (deepest first; rmtree for whole new directories)
    for rel in sorted((r for r in cur if r not in man), key=lambda r: (depth(r), r)):
        p = os.path.join(src, rel)
        if os.path.lexists(p):
            remove(p, os.lstat(p))
            stats["removed"] += 1
    # 2. entries that are missing, changed type, or were written to (parents first)
    for rel in sorted(man, key=lambda r: (depth(r), r)):
        p = os.path.join(src, rel)
        dp = os.path.join(dataset, rel)
        d = os.lstat(dp)
        c = cur.get(rel)
        if c is not None and kind(c) != kind(d):
            remove(p, c)
            c = None
        if c is None:
            copy_from(dp, p, d)
            stats["restored"] += 1
            if stat.S_ISREG(d.st_mode):
                rewritten.append(rel)
            continue
        if stat.S_ISREG(c.st_mode) and [c.st_ino, c.st_ctime_ns] != man[rel]:
            with open(dp, "rb") as fi, open(p, "r+b") as fo:
                fo.truncate(0)
                shutil.copyfileobj(fi, fo, 1 << 20)
            os.chmod(p, stat.S_IMODE(d.st_mode))
            os.utime(p, ns=(c.st_atime_ns, d.st_mtime_ns))
            stats["rewritten"] += 1
            rewritten.append(rel)
    # 3. directory modes and mtimes (deepest first: restoring entries changes the parent's mtime)
    for rel in sorted((r for r in man if stat.S_ISDIR(os.lstat(os.path.join(dataset, r)).st_mode)),
                      key=lambda r: (-depth(r), r)):
        p = os.path.join(src, rel)
        d = os.lstat(os.path.join(dataset, rel))
        c = os.lstat(p)
        if stat.S_IMODE(c.st_mode) != stat.S_IMODE(d.st_mode):
            os.chmod(p, stat.S_IMODE(d.st_mode))
        if c.st_mtime_ns != d.st_mtime_ns or stat.S_IMODE(c.st_mode) != stat.S_IMODE(d.st_mode):
            os.utime(p, ns=(c.st_atime_ns, d.st_mtime_ns))
            stats["dirs"] += 1
    # the root directory itself
    d, c = os.lstat(dataset), os.lstat(src)
    if c.st_mtime_ns != d.st_mtime_ns:
        os.utime(src, ns=(c.st_atime_ns, d.st_mtime_ns))
        stats["dirs"] += 1

    # 4. verify: same entries and metadata as the dataset, same contents where rewritten
    after, ref = scan(src), scan(dataset)
    errors = []
    if set(after) != set(ref):
        errors += ["only in source copy: " + r for r in sorted(set(after) - set(ref))[:10]]
        errors += ["missing in source copy: " + r for r in sorted(set(ref) - set(after))[:10]]
    for rel in sorted(set(after) & set(ref)):
        a, b = meta(after[rel], os.path.join(src, rel)), meta(ref[rel], os.path.join(dataset, rel))
        if a != b:
            errors.append("metadata differs: %s: %s != %s" % (rel, a, b))
    for rel in rewritten:
        if not same_contents(os.path.join(src, rel), os.path.join(dataset, rel)):
            errors.append("contents differ: " + rel)
    if errors:
        sys.exit("srctree.py: revert of %s failed:\n  %s" % (src, "\n  ".join(errors[:20])))
    print("srctree.py: reverted %s: %s" % (src, stats))
    manifest(src, manifest_file, after)


def main(argv):
    if len(argv) == 4 and argv[1] == "manifest":
        manifest(argv[2], argv[3])
    elif len(argv) == 5 and argv[1] == "revert":
        revert(argv[2], argv[3], argv[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
