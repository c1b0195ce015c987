#!/bin/bash
# Profiling helpers (see docs/performance.md, "Backup pipeline tuning"). Warm page cache unless DROP=1.
# usage: try.sh TOOL(cairn|restic) OP(backup|nochange) [extra java opts via CAIRN_JAVA_OPTS]
# warm page cache; prints wall user sys rss
set -e
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T=$1; OP=$2; DS=${DS:-$ROOT/bench/work/data/dataset}
W=${TMPDIR:-/tmp}/perfrun-$T; rm -rf $W; mkdir -p $W
export RESTIC_PASSWORD=x
if [ $T = cairn ]; then C=("$ROOT/bin/cairn"); else C=(restic); fi
C+=(-r $W/repo --cache-dir $W/cache)
"${C[@]}" init >/dev/null 2>&1
if [ $OP = nochange ]; then "${C[@]}" backup $DS >/dev/null 2>&1; fi
if [ -n "$DROP" ]; then sync; echo 3 >/proc/sys/vm/drop_caches; fi
/usr/bin/time -f "$T $OP wall %e user %U sys %S rss %M KiB" "${C[@]}" backup $DS >$W/out.log 2>$W/err.log || { cat $W/err.log; exit 1; }
tail -1 $W/err.log
