#!/usr/bin/env bash
# Deterministic "many small files" dataset generator for bench/run --shape small-files.
# Same command interface as ../shared/bench/gen-dataset.sh:
#
#   gen-small-files.sh gen    [--seed N] [--size-mib M] DIR   # create DIR (must not exist); default seed 42, 1024 MiB
#   gen-small-files.sh mutate [--seed N] --round R DIR        # ~3% of the files change (rewritten, added, deleted, moved)
#   gen-small-files.sh stats  DIR                             # composition, depth, compressibility (zstd -3)
#
# Same seed + same size + same CPython (>= 3.9; random.Random is stable) => byte-identical tree:
# identical names, contents, sizes, modes and mtimes (files, directories and symlinks). mutate is
# deterministic given (seed, round, tree): it looks only at the tree's names and entry types.
#
# Scaling: 200 small files per MiB of --size-mib (204,800 at the default 1024 MiB, 3,200 at 16 MiB),
# directories about one per 35-50 files (4,304 at 1024 MiB, 91 at 16 MiB), symlinks one per 4,000
# files (at least 2) plus 3 fixed ones. Composition of the small files (shares of the file count):
#   40% mail spool     mail/USER/Maildir/{cur,new}/ and mail/USER/Maildir/.FOLDER/{cur,new}/ (mode 0600)
#   30% node_modules   node_modules/[@SCOPE/]PKG/{,lib/,lib/SUB/,dist/,bin/}, some nested node_modules/P/node_modules/Q/
#   20% JSON documents store/objects/HH/HH/ID.json
#   10% thumbnails     cache/thumbnails/{normal,large}/HH/MD5.png (random bytes: incompressible)
# Sizes: 0.5% empty, 94.5% 512 B-8 KiB, 5% 8-24 KiB (mean about 4.9 KiB; text, code and JSON from
# a seeded vocabulary; zstd -3 of the whole tree concatenated: about 4x), plus about one ~1 MiB
# node_modules bundle (text) per 16 MiB that fills the regular-file total up to M MiB exactly.
# Identical LICENSE texts across packages (as in node_modules).
# Files sit 2-5 directories deep; empty Maildir/tmp directories; symlinks: node_modules/.bin/CMD,
# one to a directory, one dangling, one absolute. No hard links (bench/srctree.py cannot restore one
# that a mutation deleted).
set -euo pipefail
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
exec "$PY" - "$@" <<'PYEOF'
import argparse, os, random, stat, subprocess, sys, threading

BASE = 1704067200            # 2024-01-01T00:00:00Z
DAY = 86400
MiB = 1 << 20
FILES_PER_MIB = 200
DIR_MTIME = BASE + 301 * DAY
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FOLDERS = (".Sent", ".Archive.2023", ".Archive.2024", ".Lists.dev", ".Lists.announce", ".Trash", ".Drafts", ".Spam")
LICENSES = {
    "MIT": "Permission is hereby granted, free of charge, to any person obtaining a copy of this software "
           "and associated documentation files, to deal in the software without restriction.",
    "ISC": "Permission to use, copy, modify, and/or distribute this software for any purpose with or "
           "without fee is hereby granted, provided that the above copyright notice appears in all copies.",
    "BSD-2-Clause": "Redistribution and use in source and binary forms, with or without modification, are "
                    "permitted provided that the following conditions are met.",
}


def rfc2822(ts):
    days, rem = divmod(ts, DAY)
    h, rem = divmod(rem, 3600)
    m, s = divmod(rem, 60)
    # civil date from days since 1970-01-01 (proleptic Gregorian)
    z = days + 719468
    era, doe = divmod(z, 146097)
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    mo = mp + 3 if mp < 10 else mp - 9
    y = yoe + era * 400 + (mo <= 2)
    return "%s, %02d %s %d %02d:%02d:%02d +0000" % (DAYS[(days + 3) % 7], d, MONTHS[mo - 1], y, h, m, s)


class Content:
    """Seeded vocabulary and line pools; every file's content is drawn from them with the caller's RNG."""

    def __init__(self, seed):
        r = random.Random(seed * 6364136223846793005 + 1442695040888963407)
        syl = [c + v for c in ("b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
                               "br", "cl", "dr", "gr", "pl", "st", "th", "sh", "ch")
               for v in ("a", "e", "i", "o", "u", "ai", "ou", "ie")]
        words = set()
        while len(words) < 3000:
            words.add("".join(r.choice(syl) for _ in range(r.choice((1, 2, 2, 2, 3, 3, 4)))) + r.choice(("", "", "n", "s", "r", "x")))
        self.words = sorted(words)
        r.shuffle(self.words)
        acc, self.cum = 0.0, []
        for k in range(1, len(self.words) + 1):
            acc += k ** -0.95
            self.cum.append(acc)
        self.prose = [self._sentence(r) for _ in range(6000)]
        self.code = [self._code(r) for _ in range(6000)]
        self.prose_avg = sum(map(len, self.prose)) // len(self.prose)
        self.code_avg = sum(map(len, self.code)) // len(self.code)

    def w(self, r, k):
        """k words, Zipf-distributed (for text)."""
        return r.choices(self.words, cum_weights=self.cum, k=k)

    def name(self, r, k=1):
        """k words, uniformly drawn (for names of users, packages, files)."""
        return [r.choice(self.words) for _ in range(k)]

    def _sentence(self, r):
        s = " ".join(self.w(r, r.randint(5, 18)))
        return (s[0].upper() + s[1:] + r.choice((".", ".", ".", "?", "!", ",")) + "\n").encode()

    def _code(self, r):
        w = self.w(r, 6)
        ind = "  " * r.randint(0, 4)
        t = r.random()
        if t < 0.2:
            line = "%sfunction %s%s(%s) {" % (ind, w[0], w[1].capitalize(), ", ".join(w[2:r.randint(2, 5)]))
        elif t < 0.45:
            line = "%sconst %s = %s.%s(%s, %d);" % (ind, w[0], w[1], w[2], repr(w[3]), r.randint(0, 4096))
        elif t < 0.6:
            line = "%sif (%s.%s !== undefined) return %s;" % (ind, w[0], w[1], w[2])
        elif t < 0.7:
            line = "%s}" % ind
        elif t < 0.85:
            line = "%s// %s" % (ind, " ".join(w))
        else:
            line = "%smodule.exports.%s = require('./%s/%s');" % (ind, w[0], w[1], w[2])
        return (line + "\n").encode()

    def fill(self, r, pool, avg, size):
        parts, n = [], 0
        while n < size:
            chunk = r.choices(pool, k=(size - n) // avg + 1)
            parts += chunk
            n += sum(map(len, chunk))
        return b"".join(parts)[:size]

    def mail(self, r, size, user, seq, ts):
        w = self.w(r, 12)
        mx = r.randint(1, 9)
        sender = "%s.%s@%s.example.com" % (w[0], w[1], w[2])
        head = ("Return-Path: <%s>\nDelivered-To: %s@example.org\n"
                "Received: from mx%d.example.net (mx%d.example.net [10.%d.%d.%d])\n"
                "\tby imap.example.org (Postfix) with ESMTPS id %010X\n\tfor <%s@example.org>; %s\n"
                "From: \"%s %s\" <%s>\nTo: %s@example.org\nSubject: %s\nDate: %s\n"
                "Message-ID: <%016x.%d@%s.example.com>\nMIME-Version: 1.0\n"
                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n") % (
            sender, user, mx, mx, r.randint(0, 255), r.randint(0, 255), r.randint(1, 254),
            r.getrandbits(40), user, rfc2822(ts), w[0].capitalize(), w[1].capitalize(), sender, user,
            " ".join(w[3:3 + r.randint(2, 8)]).capitalize(), rfc2822(ts - r.randint(1, 600)), r.getrandbits(64), seq, w[2])
        head = head.encode()
        return head + self.fill(r, self.prose, self.prose_avg, max(0, size - len(head)))

    def code_file(self, r, size, name):
        head = ("'use strict';\n// %s\n" % name).encode()
        return (head + self.fill(r, self.code, self.code_avg, size))[:size]

    def text_file(self, r, size):
        return self.fill(r, self.prose, self.prose_avg, size)

    def json_doc(self, r, size, oid, ts):
        w = self.w(r, 4)
        out = ['{\n  "_id": "%s",\n  "_rev": "%d-%032x",\n  "type": "%s",\n  "created": %d,\n  "owner": "%s.%s",\n'
               '  "tags": ["%s", "%s"],\n  "items": [\n' % (oid, r.randint(1, 40), r.getrandbits(128), w[0], ts, w[1], w[2], w[2], w[3])]
        n = len(out[0]) + 8
        first = True
        while n < size:
            v = self.w(r, 3)
            item = '%s    {"sku": "SKU-%05d", "name": "%s %s", "qty": %d, "price": %.2f, "note": "%s"}' % (
                "" if first else ",\n", r.randint(0, 99999), v[0], v[1], r.randint(1, 20), r.random() * 900, v[2])
            out.append(item)
            n += len(item)
            first = False
        out.append("\n  ]\n}\n")
        return "".join(out).encode()

    def package_json(self, r, name, deps):
        w = self.w(r, 8)
        dep = ",\n".join('    "%s": "^%d.%d.%d"' % (d, r.randint(0, 9), r.randint(0, 30), r.randint(0, 20)) for d in deps)
        return ('{\n  "name": "%s",\n  "version": "%d.%d.%d",\n  "description": "%s",\n  "main": "index.js",\n'
                '  "license": "%s",\n  "keywords": ["%s", "%s"],\n  "dependencies": {\n%s\n  }\n}\n' % (
                    name, r.randint(0, 12), r.randint(0, 40), r.randint(0, 30), " ".join(w[:5]),
                    r.choice(sorted(LICENSES)), w[5], w[6], dep)).encode()

    def png(self, r, size):
        return (b"\x89PNG\r\n\x1a\n" + r.randbytes(max(0, size - 8)))[:size]


def draw_size(r):
    x = r.random()
    if x < 0.005:
        return 0
    if x < 0.95:
        return r.randint(512, 8192)
    return r.randint(8193, 24576)


def write_new(path, data, mode, mtime):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fchmod(fd, mode)
        os.utime(fd, (mtime, mtime))
    finally:
        os.close(fd)


class Tree:
    def __init__(self, root):
        self.root = root
        self.made = {root}
        self.bytes = 0
        self.files = 0

    def mkdir(self, rel):
        p = os.path.join(self.root, rel)
        if p not in self.made:
            os.makedirs(p, exist_ok=True)
            q = p
            while q not in self.made:
                self.made.add(q)
                q = os.path.dirname(q)
        return p

    def file(self, rel_dir, name, data, mode, mtime):
        write_new(os.path.join(self.mkdir(rel_dir), name), data, mode, mtime)
        self.bytes += len(data)
        self.files += 1


def maildir_name(r, ts, seq, size, cur, tag=""):
    n = "%d.M%dP%d%s.imap%d.example.org,S=%d,W=%d" % (ts, r.randint(0, 999999), seq, tag, r.randint(1, 4), size, size + size // 60)
    if cur:
        n += ":2," + r.choice(("S", "S", "S", "RS", "FS", ""))
    return n


def gen(root, seed, size_mib):
    if os.path.lexists(root):
        sys.exit("%s exists; refusing to overwrite" % root)
    c = Content(seed)
    r = random.Random(seed)
    t = Tree(root)
    os.makedirs(root)
    n = FILES_PER_MIB * size_mib
    mtime = lambda: BASE + r.randint(0, 300 * DAY)
    n_mail, n_node, n_store = round(n * 0.40), round(n * 0.30), round(n * 0.20)
    n_thumb = n - n_mail - n_node - n_store

    # ---- mail spool: users with Maildir/{cur,new,tmp} and 1-3 folders {cur,new}
    leaves, cum, users = [], [], []
    for u in range(max(1, round(n_mail / 600))):
        w = c.name(r, 2)
        user = "%s.%s%d" % (w[0], w[1], u)
        users.append(user)
        t.mkdir("mail/%s/Maildir/tmp" % user)          # empty, as in a quiet Maildir
        for f in [""] + sorted(r.sample(FOLDERS, r.randint(1, 3))):
            for sub, wt in (("cur", 6 if not f else 3), ("new", 1 if not f else 0.3)):
                leaves.append((user, "mail/%s/Maildir/%s%s%s" % (user, f, "/" if f else "", sub), sub == "cur"))
                cum.append((cum[-1] if cum else 0) + wt)
    for i in range(n_mail):
        user, d, cur = r.choices(leaves, cum_weights=cum)[0]
        size = draw_size(r)
        ts = mtime()
        data = c.mail(r, size, user, i, ts) if size else b""
        t.file(d, maildir_name(r, ts, i, len(data), cur), data, 0o600, ts)

    # ---- node_modules: packages of 8-230 files; 15% scoped, 10% nested in an earlier package
    names, pkgs, left, bins = set(), [], n_node, []
    n_bins = max(2, n // 4000)
    while left > 0:
        w = c.name(r, 3)
        base = "%s-%s" % (w[0], w[1]) if r.random() < 0.6 else w[0]
        x = r.random()
        tops = [p[0] for p in pkgs[-20:] if p[0].count("/") == 1]   # unscoped, not nested
        if x < 0.15:
            pdir, name = "node_modules/@%s/%s" % (w[2], base), "@%s/%s" % (w[2], base)
        elif x < 0.25 and tops:
            pdir, name = "%s/node_modules/%s" % (r.choice(tops), base), base
        else:
            pdir, name = "node_modules/%s" % base, base
        if pdir in names:
            continue
        names.add(pdir)
        k = min(left, r.randint(8, 230))
        left -= k
        nested = "/node_modules/" in pdir
        pkgs.append((pdir, name))
        deps = [p[1] for p in r.sample(pkgs, min(len(pkgs), r.randint(0, 6)))]
        lic = r.choice(sorted(LICENSES))
        fixed = [("package.json", c.package_json(r, name, deps), 0o644),
                 ("LICENSE", ("%s License\n\n%s\n" % (lic, LICENSES[lic])).encode(), 0o644),
                 ("README.md", ("# %s\n\n" % name).encode() + c.text_file(r, draw_size(r)), 0o644)]
        if len(bins) < n_bins and not nested and k >= 5:
            fixed.append(("bin/cli.js", b"#!/usr/bin/env node\n" + c.code_file(r, draw_size(r), name), 0o755))
            bins.append((w[0] + str(len(bins)), pdir))
        subs = ["lib", "lib/" + c.name(r)[0], "dist"] if not nested else ["lib"]
        ts0 = mtime()
        for j in range(k):
            if j < len(fixed):
                fname, data, mode = fixed[j]
                d, fname = os.path.split(os.path.join(pdir, fname))
            else:
                d = pdir if j == len(fixed) else os.path.join(pdir, r.choice(subs))
                fname = "index.js" if j == len(fixed) else "%s-%d.js" % (c.name(r)[0], j)
                data, mode = c.code_file(r, draw_size(r), fname), 0o644
            t.file(d, fname, data, mode, ts0 + r.randint(0, 3600))
    t.mkdir("node_modules/.bin")
    for cmd, pdir in bins:
        os.symlink("../%s/bin/cli.js" % pdir[len("node_modules/"):], os.path.join(root, "node_modules/.bin", cmd))

    # ---- JSON document store: store/objects/HH/HH/ID.json
    fan1 = 16
    fan2 = max(1, -(-max(4, n_store // 100) // fan1))
    for i in range(n_store):
        a, b = r.randrange(fan1), r.randrange(fan2)
        oid = "%012x%06x" % (r.getrandbits(48), i)
        ts = mtime()
        size = draw_size(r)
        data = c.json_doc(r, size, oid, ts) if size else b""
        t.file("store/objects/%02x/%02x" % (a * (256 // fan1), b), oid + ".json", data, 0o644, ts)

    # ---- thumbnail cache: cache/thumbnails/{normal,large}/HH/MD5.png, incompressible
    fan = max(2, -(-n_thumb // 200))
    for i in range(n_thumb):
        kind = "normal" if r.random() < 0.7 else "large"
        d = "cache/thumbnails/%s/%02x" % (kind, r.randrange(min(256, fan)))
        name = "%026x%06x.png" % (r.getrandbits(104), i)
        t.file(d, name, c.png(r, draw_size(r)), 0o644, mtime())

    # ---- ~1 MiB bundles filling the regular-file total up to size_mib MiB
    rest, j = size_mib * MiB - t.bytes, 0
    while rest > 0:
        size = min(rest, MiB + r.randint(-MiB // 4, MiB // 4))
        pdir = pkgs[r.randrange(len(pkgs))][0]
        t.file(pdir + "/dist", "bundle-%d.min.js" % j, c.code_file(r, size, "bundle"), 0o644, mtime())
        rest -= size
        j += 1

    # ---- a few more symlinks: to a directory, dangling, absolute
    links = {"mail/postmaster": users[0], "cache/thumbnails/fail": "../../tmp/thumbnails-failed",
             "store/hostname": "/etc/hostname"}
    for rel in sorted(links):
        os.symlink(links[rel], os.path.join(root, rel))
    for dp, dn, fn in os.walk(root):
        for e in dn + fn:
            p = os.path.join(dp, e)
            if os.path.islink(p):
                os.utime(p, (BASE, BASE), follow_symlinks=False)

    # ---- directory modes and mtimes (deepest first, explicit: independent of the umask)
    dirs = sorted((dp for dp, _, _ in os.walk(root)), key=lambda d: (-d.count("/"), d))
    for d in dirs:
        os.chmod(d, 0o700 if "/Maildir" in d[len(root):] else 0o755)
        os.utime(d, (DIR_MTIME, DIR_MTIME))
    print("generated %s: %d files, %d directories, %.1f MiB regular-file data (seed=%d, %d small files per MiB)"
          % (root, t.files, len(dirs) - 1, t.bytes / MiB, seed, FILES_PER_MIB))


def listing(root):
    """Sorted relative paths of regular files, and of directories holding at least one (not via symlinks)."""
    files, dirs = [], []
    stack = [""]
    while stack:
        rel = stack.pop()
        has = False
        with os.scandir(os.path.join(root, rel)) as it:
            for e in it:
                r = os.path.join(rel, e.name)
                if e.is_dir(follow_symlinks=False):
                    stack.append(r)
                elif e.is_file(follow_symlinks=False):
                    files.append(r)
                    has = True
        if has:
            dirs.append(rel)
    files.sort()
    dirs.sort()
    return files, dirs


def mutate(root, seed, rnd):
    """About 3% of the files per round: 1.5% rewritten in place, 0.5% deleted, 1% added (in existing
    directories), 0.25% of the mail in new/ moved to cur/. Deterministic given seed, round and the
    tree's names; touched files and directories get the round's mtime."""
    c = Content(seed)
    r = random.Random(seed * 1000033 + 7919 * rnd + 5)
    mt = BASE + 400 * DAY + 3600 * rnd
    files, dirs = listing(root)
    n = len(files)
    n_mod, n_del, n_add = round(n * 0.015), round(n * 0.005), round(n * 0.01)
    picked = r.sample(files, min(n, n_mod + n_del))
    mod, dele = sorted(picked[:n_mod]), sorted(picked[n_mod:])
    gone = set(picked)
    inbox = [f for f in files if "/Maildir/" in f and os.path.basename(os.path.dirname(f)) == "new" and f not in gone]
    moves = sorted(r.sample(inbox, min(len(inbox), round(n * 0.0025))))
    touched = set()
    st = dict(rewritten=0, deleted=0, added=0, moved=0, bytes=0)

    def content(rel, size, seq):
        if rel.startswith("mail/"):
            return c.mail(r, size, rel.split("/")[1], seq, mt) if size else b""
        if rel.startswith("store/"):
            return c.json_doc(r, size, os.path.basename(rel)[:-5], mt) if size else b""
        if rel.startswith("cache/"):
            return c.png(r, size)
        return c.code_file(r, size, os.path.basename(rel))

    for i, rel in enumerate(mod):
        p = os.path.join(root, rel)
        data = content(rel, draw_size(r), 900000 + i)
        fd = os.open(p, os.O_WRONLY | os.O_TRUNC)
        try:
            os.write(fd, data)
            os.utime(fd, (mt, mt))
        finally:
            os.close(fd)
        st["rewritten"] += 1
        st["bytes"] += len(data)
    for rel in dele:
        os.unlink(os.path.join(root, rel))
        touched.add(os.path.dirname(rel))
        st["deleted"] += 1
    for rel in moves:
        d = os.path.dirname(rel)
        to = os.path.join(os.path.dirname(d), "cur", os.path.basename(rel) + ":2,S")
        os.rename(os.path.join(root, rel), os.path.join(root, to))
        touched.update((d, os.path.dirname(to)))
        st["moved"] += 1
    for i in range(n_add):
        d = r.choice(dirs)
        size = draw_size(r)
        if d.startswith("mail/"):
            data = content(d + "/x", size, 800000 + i)
            name = maildir_name(r, mt, i, len(data), d.endswith("/cur"), tag="R%d" % rnd)
        elif d.startswith("store/"):
            name = "%012xr%dn%d.json" % (r.getrandbits(48), rnd, i)
            data = content(d + "/" + name, size, i)
        elif d.startswith("cache/"):
            name = "%026xr%dn%d.png" % (r.getrandbits(104), rnd, i)
            data = content(d + "/" + name, size, i)
        else:
            name = "%s-r%dn%d.js" % (c.name(r)[0], rnd, i)
            data = content(d + "/" + name, size, i)
        write_new(os.path.join(root, d, name), data, 0o600 if d.startswith("mail/") else 0o644, mt)
        touched.add(d)
        st["added"] += 1
        st["bytes"] += len(data)
    for d in sorted(touched, key=lambda d: (-d.count("/"), d)):
        os.utime(os.path.join(root, d), (mt, mt))
    print("mutate round %d: %s of %d files (%.2f%% of the files changed); %.1f MiB written"
          % (rnd, {k: v for k, v in st.items() if k != "bytes"}, n,
             100.0 * (st["rewritten"] + st["deleted"] + st["added"] + st["moved"]) / max(1, n), st["bytes"] / MiB))


def stats(root):
    buckets = [("empty", 0, 0), ("1 B-511 B", 1, 511), ("512 B-8 KiB", 512, 8192), ("8-32 KiB", 8193, 32768),
               ("32 KiB-1 MiB", 32769, MiB), (">1 MiB", MiB + 1, 1 << 62)]
    count = [0] * len(buckets)
    size = [0] * len(buckets)
    ndirs = nlinks = 0
    depth = {}
    paths = []
    for dp, dn, fn in os.walk(root):
        for e in dn + fn:
            p = os.path.join(dp, e)
            s = os.lstat(p)
            if stat.S_ISLNK(s.st_mode):
                nlinks += 1
            elif stat.S_ISDIR(s.st_mode):
                ndirs += 1
            elif stat.S_ISREG(s.st_mode):
                paths.append(p)
                k = next(i for i, b in enumerate(buckets) if b[1] <= s.st_size <= b[2])
                count[k] += 1
                size[k] += s.st_size
                dd = os.path.relpath(dp, root).count("/") + (dp != root)
                depth[dd] = depth.get(dd, 0) + 1
    total = sum(size)
    print("%-14s %9s %10s" % ("size", "files", "MiB"))
    for (name, _, _), n, b in zip(buckets, count, size):
        print("%-14s %9d %10.1f" % (name, n, b / MiB))
    print("%-14s %9d %10.1f" % ("TOTAL", sum(count), total / MiB))
    print("directories=%d symlinks=%d files/directory=%.0f" % (ndirs, nlinks, sum(count) / max(1, ndirs)))
    print("files by directory depth: " + ", ".join("%d: %d" % (d, depth[d]) for d in sorted(depth)))
    try:
        z = subprocess.Popen(["zstd", "-3", "-q", "-c", "-T1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    except OSError:
        print("zstd not found: compressibility not measured")
        return
    out = [0]

    def rd():
        while True:
            d = z.stdout.read(1 << 20)
            if not d:
                break
            out[0] += len(d)
    th = threading.Thread(target=rd)
    th.start()
    for p in sorted(paths):
        with open(p, "rb") as fh:
            z.stdin.write(fh.read())
    z.stdin.close()
    th.join()
    z.wait()
    print("zstd -3 of all files concatenated: %.1f MiB -> %.1f MiB (ratio %.2f; per-file compression of small files is worse)"
          % (total / MiB, out[0] / MiB, total / max(1, out[0])))


ap = argparse.ArgumentParser(prog="gen-small-files.sh")
ap.add_argument("mode", choices=["gen", "mutate", "stats"])
ap.add_argument("dir")
ap.add_argument("--seed", type=int, default=42)
ap.add_argument("--size-mib", type=int, default=1024)
ap.add_argument("--round", type=int, default=1)
a = ap.parse_args()
if a.mode == "gen":
    if a.size_mib < 1:
        sys.exit("--size-mib must be at least 1")
    gen(a.dir, a.seed, a.size_mib)
elif a.mode == "mutate":
    mutate(a.dir, a.seed, a.round)
else:
    stats(a.dir)
PYEOF
