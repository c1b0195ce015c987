#!/bin/sh
# Volsync's restic mover entry point. Volsync's controller, started with
# --restic-container-image=<the Cairn image>, runs "/mover-restic/entry.sh ACTION..." in the
# mover Job: Cairn's mover takes the same actions and environment (docs/mover-result.md).
exec cairn mover "$@"
