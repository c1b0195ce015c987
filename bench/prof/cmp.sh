#!/bin/bash
# usage: cmp.sh OP N 'VAR=value VAR2=value' ... | restic   (interleaved; cpu=user+sys, rss)
OP=$1; N=$2; shift 2
for i in $(seq $N); do
  k=0
  for o in "$@"; do
    k=$((k+1))
    if [ "$o" = restic ]; then r=$("$(dirname "$0")/try.sh" restic $OP)
    else r=$(eval "env $o "$(dirname "$0")/try.sh" cairn $OP"); fi
    echo "$k $r" | awk -v o="$o" '{printf "%d cpu %.2f wall %s rss %d MiB  [%s]\n",$1,$7+$9,$5,$11/1024,o}'
  done
done | sort -n -s -k1,1
