#!/usr/bin/env bash
# The sample host app end to end: installs what is missing, builds, then
# drives telegate-demo (the host app) and telegate-inspect (what is on disk)
# through a scripted scenario in a fresh data directory, checking each step.
# This is the README's demo command.
set -euo pipefail
cd "$(dirname "$0")/.."

./setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" --target telegate-demo telegate-inspect telegate-collector >/dev/null

DEMO=build/examples/telegate-demo
INSPECT=build/examples/telegate-inspect
COLLECTOR=build/examples/telegate-collector
DATA=$(mktemp -d "${TMPDIR:-/tmp}/telegate-demo-XXXXXX")
# The collectors' side (outside the device's data directory).
SERVER=$(mktemp -d "${TMPDIR:-/tmp}/telegate-collector-XXXXXX")
COLLECTOR_PIDS=()
cleanup() {
  for pid in "${COLLECTOR_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$DATA" "$SERVER"
}
trap cleanup EXIT
failures=0

# Runs one demo process with the given commands; prints a transcript.
session() {  # session <title> <commands> [extra demo flags...]
  local title=$1 commands=$2
  shift 2
  echo
  echo "### $title"
  local out
  out=$(printf '%s\n' "$commands" | "$DEMO" --data-dir "$DATA" "$@")
  # Show each command followed by the answers the demo gave.
  printf '%s\n' "$commands" | sed 's/^/> /'
  printf '%s\n' "$out" | sed 's/^/  /'
  LAST="$out"
}
expect() {  # expect <regex>: the last session printed a matching line
  if grep -Eq -- "$1" <<<"$LAST"; then echo "  ✓ $1"; else echo "  ✗ expected: $1"; failures=$((failures+1)); fi
}
expect_not() {
  if grep -Eq -- "$1" <<<"$LAST"; then echo "  ✗ unexpected: $1"; failures=$((failures+1)); else echo "  ✓ no $1"; fi
}
# start_collector <name>: starts telegate-collector on a free loopback port;
# sets URL to its batch URL and appends its output to $SERVER/<name>.jsonl.
start_collector() {
  local name=$1
  "$COLLECTOR" --out "$SERVER/$name.jsonl" >"$SERVER/$name.log" 2>&1 &
  COLLECTOR_PIDS+=($!)
  for _ in $(seq 1 100); do
    URL=$(awk '/^listening /{print $2; exit}' "$SERVER/$name.log")
    [ -n "$URL" ] && break
    sleep 0.05
  done
  [ -n "$URL" ] || { echo "  ✗ the $name collector did not start"; exit 1; }
  touch "$SERVER/$name.jsonl"
  echo "  (collector \"$name\" listening at $URL)"
}
collected() {  # collected <name>: shows what that collector received
  echo
  echo "### what the $1 collector received (JSON lines)"
  LAST=$(cat "$SERVER/$1.jsonl")
  if [ -n "$LAST" ]; then printf '%s\n' "$LAST" | sed 's/^/  /'; else echo "  (nothing)"; fi
}
inspect() {
  echo
  echo "### telegate-inspect --data-dir \$DATA"
  LAST=$("$INSPECT" --data-dir "$DATA")
  if [ -n "$LAST" ]; then printf '%s\n' "$LAST" | sed 's/^/  /'; else echo "  (no buffered event)"; fi
}

session "1. Fresh install: everything is off" "status
track log.search search query=shoes
quit"
expect '^  log.search closed why=consent_off'
expect '^error: category is closed'
[ -z "$(ls -A "$DATA")" ] && echo "  ✓ data directory still empty" || { echo "  ✗ files created"; failures=$((failures+1)); }

session "2. The user switches on search logs and orders; the app records" "consent log.search on
consent order on
track log.search search query=\"red shoes\" results=12 page=1
track order order order_id=A-1001 amount_minor=1999 currency=CNY item_count=1 status=paid
flush
quit"
expect '^ok consent log.search on'
expect '^ok tracked order order'
inspect
expect '"query":"red shoes"'
expect '"order_id":"A-1001"'

session "3. Double gate: consent alone does not open precise location" "consent location.precise on
track location.precise fix latitude=31.2304 longitude=121.4737
os ACCESS_FINE_LOCATION granted
track location.precise fix latitude=31.2304 longitude=121.4737 accuracy_m=8
flush
status
quit"
expect '^error: category is closed'
expect '^ok tracked location.precise fix'
expect '^  location.precise open buffered=1'

session "4. The OS permission is taken away: the barrier purges before answering" "os ACCESS_FINE_LOCATION denied
status
quit"
expect '^  location.precise closed why=permission_missing\(ACCESS_FINE_LOCATION\) buffered=0'
inspect
expect_not '"category":"location.precise"'
expect '"category":"log.search"'

session "5. The user withdraws consent for search logs" "consent log.search off
status
quit"
expect '^  log.search closed why=consent_off buffered=0'
inspect
expect_not '"category":"log.search"'
expect '"category":"order"'

echo
echo "### 6. Upload: a local collector (loopback) receives the batch"
start_collector cn
CN_URL=$URL
session "6. The app uploads what it holds; events leave only once acknowledged" "endpoint $CN_URL region=CN
track order order order_id=A-1002 amount_minor=4999 currency=CNY item_count=2 status=paid
flush
status
quit"
expect '^ok endpoint http://127\.0\.0\.1:[0-9]+/v1/batches region=CN'
expect '^ok flushed uploaded=2 batches=1 buffered=0'
expect '^  order open buffered=0'
collected cn
expect '"order_id":"A-1001"'
expect '"order_id":"A-1002"'
expect_not '"category":"log.search"'
expect_not '"category":"location.precise"'
inspect
expect_not '"category":"order"'

echo
echo "### 7. Residency: a US endpoint gets only what may leave China"
start_collector us
US_URL=$URL
session "7. Search logs may go to the US only with a cross-border consent" "endpoint $US_URL region=US
consent log.search on
consent device.basic on
track log.search search query=boots results=3 page=1
track device.basic device_info model=\"Pixel 7\" os_name=Android
flush
crossborder log.search US on
upload
quit"
expect '^ok flushed uploaded=[1-9][0-9]* batches=1 buffered=1'
expect '^ok crossborder log.search US on'
expect '^ok upload uploaded=1 batches=1 buffered=0'
collected us
expect '"category":"device.basic"'
expect '"query":"boots"'

echo
echo "### 8. Partners: an analytics partner never gets identifying data"
start_collector partner
PARTNER_URL=$URL
session "8. A partner endpoint first; the app's own collector for the rest" "endpoint $PARTNER_URL region=CN partner
endpoint $CN_URL region=CN
consent log.access on
track log.search search query=sandals results=9 page=1
track log.access access ip=203.0.113.7 browser=\"Chrome 120\" language=zh-CN
flush
quit"
expect '^ok flushed uploaded=[2-9][0-9]* batches=2 buffered=0'
collected partner
expect '"query":"sandals"'
expect_not '"category":"log.access"'
expect_not '203\.0\.113\.7'
collected cn
expect '"ip":"203.0.113.7"'

session "9. The host marks the user as under 14: sensitive categories close" "minor on
status
guardian on
status
quit"
expect '^  order closed why=minor buffered=0'
expect '^  order open buffered=0'
expect '^  log.search open buffered=0 sensitivity=personal'

# An app update ships policy 2.0, which redefines precise location: derive it
# from the default policy text and encode it with protoc, as a host would.
POLICY2="$SERVER/policy-2.0.binpb"  # removed with $SERVER
awk '
  /^version_major:/ { print "version_major: 2"; next }
  /^version_minor:/ { print "version_minor: 0"; print "earlier_versions { major: 1 minor: 0 }"; next }
  /name: "location.precise"/ { precise = 1 }
  precise && /definition_major:/ { sub(/definition_major: 1/, "definition_major: 2"); precise = 0 }
  { print }' proto/catalog/default_policy.textproto |
  protoc --proto_path=proto --encode=telegate.proto.Policy telegate/policy.proto > "$POLICY2"

session "10. Precise location on again under policy 1.0" "policy 1.0
os ACCESS_FINE_LOCATION granted
consent location.precise on
track location.precise fix latitude=22.5431 longitude=114.0579
flush
quit"
expect '^ok tracked location.precise fix'

session "11. The app updates to policy 2.0: the redefined category is purged at start-up" "status
consent location.precise on
status
policy 2.0
consent location.precise on
status
quit" --policy "$POLICY2"
expect '^  location.precise closed why=policy_reconsent buffered=0'
expect '^ok policy 2.0 accepted'
expect '^  location.precise open buffered=0 sensitivity=sensitive consent=on policy=2.0'
expect '^  order open buffered=0 sensitivity=sensitive consent=on policy=1.0'

# The desktop has no GPS or radios: the host feeds what they "see" through a
# device script (one record per line; re-read at every collection).
DEVICE="$SERVER/device.txt"  # the host app's feed; removed with $SERVER
cat > "$DEVICE" <<'EOF'
location lat=31.230416 lon=121.473701 accuracy=8 altitude=12 region=CN-SH
wifi bssid=0A:1B:2C:3D:4E:5F ssid="Cafe Wifi" rssi=-61 freq=2412
EOF

session "12. Collectors: real device facts, and location from the host's device script" "consent device.basic off
collect device.basic
consent device.basic on
collect device.basic
os ACCESS_COARSE_LOCATION granted
consent location.coarse on
collect location.coarse
collect location.precise
collect log.search
flush
status
quit" --policy "$POLICY2" --device-script "$DEVICE"
expect '^error: category is closed \(PERMISSION_DENIED\)'
expect '^ok collected device.basic events=1 warnings=0: device_info\{.*os_name='
expect '^ok collected location.coarse events=1 warnings=0: coarse_fix\{latitude=31.23 longitude=121.47 accuracy_m=1000 region=CN-SH\}'
expect '^ok collected location.precise events=1 warnings=0: fix\{latitude=31.23042 longitude=121.4737 accuracy_m=8 altitude_m=12\}'
expect '^error: log.search has no platform collector'
expect '^  location.coarse open buffered=[1-9]'
inspect
expect '"category":"device.basic","name":"device_info"'
expect '"name":"coarse_fix","time":"[^"]*","time_ms":[0-9]*,"attributes":\{"latitude":31.23,"longitude":121.47'
expect_not '31.230416'

session "13. Location is withdrawn: nothing behind it is read any more" "consent location.coarse off
collect location.coarse
status
quit" --policy "$POLICY2" --device-script "$DEVICE"
expect '^error: category is closed \(PERMISSION_DENIED\)'
expect '^  location.coarse closed why=consent_off buffered=0'

echo
echo "### telegate-inspect --data-dir \$DATA --ledger (last entries)"
LAST=$("$INSPECT" --data-dir "$DATA" --ledger)
printf '%s\n' "$LAST" | tail -n 8 | sed 's/^/  /'
expect '"kind":"purge","source":"startup","category":"location.precise".*"detail":"policy_reconsent"'
expect '^\{"ledger":"verified"'

session "14. Key rotation: every database re-encrypted under new keys, nothing lost" "track order order order_id=A-2002 amount_minor=500 currency=CNY item_count=1 status=paid
flush
rotate-keys
status
quit"
expect '^ok keys rotated'
expect '^  order open buffered=1'
inspect
expect '"order_id":"A-2002"'
LAST=$("$INSPECT" --data-dir "$DATA" --ledger | tail -n 1)
expect '^\{"ledger":"verified"'

echo
echo "### Files in the data directory (all encrypted; no plaintext marker)"
ls -lR "$DATA" | sed 's/^/  /'
if grep -rqa -e "red shoes" -e "A-1001" -e "A-2002" -e "Debian" -e "121.47" "$DATA"; then
  echo "  ✗ plaintext found on disk"; failures=$((failures+1))
else
  echo "  ✓ no plaintext of any event in any file"
fi

# The app's key store is wiped (a restored backup): the unreadable database
# is replaced and reported, never a crash, never silently reused.
rm -f "$DATA"/keys/telegate.db*.key
session "15. The key store lost the database key: reported, replaced, closed" "status
quit"
expect '^  store replaced=1 consent_reset=yes'
expect '^  incident key_missing telegate.db'
expect '^  order closed why=consent_off buffered=0'
inspect
expect_not '"category":"order"'

session "16. User rights: anonymize, export, delete everything (and ask the server to delete too)" "consent log.access on
consent order on
os READ_PHONE_STATE granted
consent device.identifiers on
collect device.identifiers
track log.access access ip=198.51.100.23 browser=Firefox language=zh-CN
track order order order_id=SECRET-ORDER-77 amount_minor=4200 currency=CNY item_count=2 status=paid
anonymize
export $SERVER/export.pb proto
delete-all
status
ledger
endpoint $CN_URL region=CN
flush
quit"
expect '^ok anonymize'
expect '^ok exported [0-9]+ bytes to '
expect '^ok delete-all'
expect '^  order closed why=consent_off buffered=0 sensitivity=sensitive consent=off'
expect '^ok ledger verified entries=1'
collected cn
expect '^\{"deletion_request":\{"install_ids":\["[0-9a-f-]{36}"\]'
echo
echo "### telegate-inspect --export (the user's copy, taken after anonymizing)"
LAST=$("$INSPECT" --export "$SERVER/export.pb")
printf '%s\n' "$LAST" | grep -o '"name":"log.access".\{0,40\}\|"ip":"[^"]*"\|"order_id":"[^"]*"\|"currency":"[^"]*"' | sed 's/^/  /'
expect '"ip":"198.51.100.0"'
expect '"currency":"CNY"'
expect_not 'SECRET-ORDER-77'
inspect
expect_not '"category"'
if grep -rqa -e "SECRET-ORDER-77" -e "198.51.100.23" "$DATA"; then
  echo "  ✗ plaintext found on disk"; failures=$((failures+1))
else
  echo "  ✓ nothing of it on disk"
fi

echo
if [ "$failures" -eq 0 ]; then echo "demo: all steps behaved as expected"; else echo "demo: $failures step(s) failed"; exit 1; fi
