#!/usr/bin/env bash
# Counts the context switches of an idle telegate-demo over 10 seconds,
# summed over all its threads (/proc/<pid>/task/*/status), after sending it
# the given commands. With every category closed Telegate schedules nothing,
# so the count should be 0.
#
#   examples/idle-wakeups.sh                      # everything closed
#   examples/idle-wakeups.sh 'consent device.basic on\nconsent log.access on\n'
set -euo pipefail
cd "$(dirname "$0")/.."
DEMO=${DEMO:-build/examples/telegate-demo}
COMMANDS=${1:-}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/telegate-idle-XXXXXX")
trap 'rm -rf "$DIR"' EXIT
mkfifo "$DIR/stdin"
"$DEMO" --data-dir "$DIR" "${@:2}" >"$DIR/out" <"$DIR/stdin" &
pid=$!
exec 3>"$DIR/stdin"
if [ -n "$COMMANDS" ]; then printf "$COMMANDS" >&3; fi
sleep 2  # start-up, the commands and any at-start collection
switches() {
  awk '/^voluntary_ctxt_switches/ {v += $2} /^nonvoluntary_ctxt_switches/ {n += $2}
       END {print v, n}' /proc/"$pid"/task/*/status
}
read -r v0 n0 < <(switches)
sleep 10
read -r v1 n1 < <(switches)
threads=$(ls /proc/"$pid"/task | wc -l)
echo quit >&3
exec 3>&-
wait "$pid" || true
echo "threads=$threads voluntary=$((v1 - v0)) nonvoluntary=$((n1 - n0)) over 10 s"
