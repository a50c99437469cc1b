#!/usr/bin/env bash
# The sample host app end to end: installs what is missing, builds, then
# drives telegate-demo (the host app) and telegate-inspect (what is on disk)
# through a scripted scenario in a fresh data directory, checking each step.
# This is the README's demo command.
set -euo pipefail
cd "$(dirname "$0")/.."

./setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" --target telegate-demo telegate-inspect >/dev/null

DEMO=build/examples/telegate-demo
INSPECT=build/examples/telegate-inspect
DATA=$(mktemp -d "${TMPDIR:-/tmp}/telegate-demo-XXXXXX")
trap 'rm -rf "$DATA"' EXIT
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

session "6. The host marks the user as under 14: sensitive categories close" "minor on
status
guardian on
status
quit"
expect '^  order closed why=minor buffered=0'
expect '^  order open buffered=0'
expect '^  log.search closed why=consent_off'

# An app update ships policy 2.0, which redefines precise location: derive it
# from the default policy text and encode it with protoc, as a host would.
POLICY2="$DATA.policy-2.0.binpb"
awk '
  /^version_major:/ { print "version_major: 2"; next }
  /^version_minor:/ { print "version_minor: 0"; print "earlier_versions { major: 1 minor: 0 }"; next }
  /name: "location.precise"/ { precise = 1 }
  precise && /definition_major:/ { sub(/definition_major: 1/, "definition_major: 2"); precise = 0 }
  { print }' proto/catalog/default_policy.textproto |
  protoc --proto_path=proto --encode=telegate.proto.Policy telegate/policy.proto > "$POLICY2"
trap 'rm -rf "$DATA" "$POLICY2"' EXIT

session "7. Precise location on again under policy 1.0" "policy 1.0
os ACCESS_FINE_LOCATION granted
consent location.precise on
track location.precise fix latitude=22.5431 longitude=114.0579
flush
quit"
expect '^ok tracked location.precise fix'

session "8. The app updates to policy 2.0: the redefined category is purged at start-up" "status
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

echo
echo "### telegate-inspect --data-dir \$DATA --ledger (last entries)"
LAST=$("$INSPECT" --data-dir "$DATA" --ledger)
printf '%s\n' "$LAST" | tail -n 8 | sed 's/^/  /'
expect '"kind":"purge","source":"startup","category":"location.precise".*"detail":"policy_reconsent"'
expect '^\{"ledger":"verified"'

session "9. Key rotation: every database re-encrypted under new keys, nothing lost" "track order order order_id=A-2002 amount_minor=500 currency=CNY item_count=1 status=paid
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
if grep -rqa -e "red shoes" -e "A-1001" -e "A-2002" "$DATA"; then
  echo "  ✗ plaintext found on disk"; failures=$((failures+1))
else
  echo "  ✓ no plaintext of any event in any file"
fi

# The app's key store is wiped (a restored backup): the unreadable database
# is replaced and reported, never a crash, never silently reused.
rm -f "$DATA"/keys/telegate.db*.key
session "10. The key store lost the database key: reported, replaced, closed" "status
quit"
expect '^  store replaced=1 consent_reset=yes'
expect '^  incident key_missing telegate.db'
expect '^  order closed why=consent_off buffered=0'
inspect
expect_not '"category":"order"'

echo
if [ "$failures" -eq 0 ]; then echo "demo: all steps behaved as expected"; else echo "demo: $failures step(s) failed"; exit 1; fi
