#!/bin/sh
# Runs every fuzz target in turn, niced, one libFuzzer job each (fork mode,
# so a crash is saved under artifacts/TARGET/ and fuzzing goes on).
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET…]     (default 600 s, all targets)
# Logs: fuzz/logs/TARGET.log (the last lines hold the executions and time).
# Build first: (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build --sanitizer none --debug-assertions)
set -u
cd "$(dirname "$0")"
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-markdown frontmatter summary config fluent site html indexer}
bin=${CARGO_TARGET_DIR:-target}/x86_64-unknown-linux-gnu/release
mkdir -p logs
for t in $targets; do
    mkdir -p "corpus/$t" "artifacts/$t"
    echo "== $t: ${secs}s, started $(date -u +%FT%TZ)" > "logs/$t.log"
    nice -n 19 "$bin/$t" "corpus/$t" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
        -ignore_ooms=1 -timeout=20 -rss_limit_mb=2048 -max_len=16384 \
        -max_total_time="$secs" -print_final_stats=1 \
        -artifact_prefix="artifacts/$t/" >> "logs/$t.log" 2>&1
    echo "== $t: ended $(date -u +%FT%TZ), exit $?" >> "logs/$t.log"
done
