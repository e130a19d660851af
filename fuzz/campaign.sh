#!/bin/sh
# A long fuzzing run of one target: libFuzzer is restarted after a finding
# (kept in ARTIFACTS) until SECONDS_TOTAL have passed; the last run's final
# stats (cov, ft, executions) are appended to LOG.
#   fuzz/campaign.sh BINARY SEEDS CORPUS ARTIFACTS SECONDS_TOTAL LOG
# SEEDS may name several directories separated by spaces (one word for sh).
set -u
bin=$1 seeds=$2 corpus=$3 artifacts=$4 total=$5 log=$6
mkdir -p "$corpus" "$artifacts"
start=$(date +%s)
runs=0 execs=0
while :; do
    now=$(date +%s)
    left=$((total - (now - start)))
    [ "$left" -gt 5 ] || break
    runs=$((runs + 1))
    # shellcheck disable=SC2086  # $seeds may name several directories
    "$bin" -max_total_time="$left" -print_final_stats=1 -artifact_prefix="$artifacts/" \
        -max_len=8192 -rss_limit_mb=2048 -timeout=10 "$corpus" $seeds >"$log.run$runs" 2>&1
    rc=$?
    e=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log.run$runs")
    execs=$((execs + ${e:-0}))
    echo "run $runs rc=$rc execs=${e:-?}" >>"$log"
done
last=$(grep -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse)' "$log.run$runs" | tail -1)
echo "total_runs=$runs total_execs=$execs seconds=$(( $(date +%s) - start ))" >>"$log"
echo "last: $last" >>"$log"
grep '^stat::' "$log.run$runs" >>"$log"
