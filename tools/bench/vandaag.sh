#!/usr/bin/env bash
# Meet de pagina "Vandaag" (/) onder gelijktijdige gebruikers met wrk (Debian-pakket `wrk`).
# Vooraf: een demodatabase (`vangnet demo --huishoudens 1000000 --data-dir MAP`) en een draaiende
# `vangnet serve --data-dir MAP` op $BASIS met VANGNET_VEILIGE_COOKIES=false (http op loopback).
# Gebruik: tools/bench/vandaag.sh [gebruikers] [duur] [gemiddelde denktijd in ms; 0 = geen]
set -euo pipefail
BASIS=${BASIS:-http://127.0.0.1:18080}
GEBRUIKERS=${1:-50}
DUUR=${2:-30s}
DENKTIJD=${3:-0}
MAP=$(mktemp -d)
trap 'rm -rf "$MAP"' EXIT

# Inloggen als $GEBRUIKERS verschillende consulenten (consulent11, consulent12, … over de teams).
: > "$MAP/cookies.lua"
echo "cookies = {" >> "$MAP/cookies.lua"
n=0
for team in 1 2 3 4; do
  for j in $(seq 1 200); do
    [ "$n" -ge "$GEBRUIKERS" ] && break 2
    naam="consulent${team}${j}"
    pot="$MAP/pot-$naam"
    csrf=$(curl -s -c "$pot" "$BASIS/inloggen" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
    status=$(curl -s -o /dev/null -w '%{http_code}' -b "$pot" -c "$pot" \
      --data-urlencode "gebruikersnaam=$naam" --data-urlencode "wachtwoord=vangnet-demo" \
      --data-urlencode "csrf=$csrf" "$BASIS/inloggen")
    [ "$status" = 303 ] || { echo "inloggen als $naam: status $status" >&2; exit 1; }
    sessie=$(awk '$6 == "vangnet_sessie" { print $7 }' "$pot")
    echo "  \"vangnet_sessie=$sessie\"," >> "$MAP/cookies.lua"
    n=$((n + 1))
  done
done
echo "}" >> "$MAP/cookies.lua"

cat > "$MAP/vandaag.lua" <<LUA
dofile("$MAP/cookies.lua")
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/", { ["Cookie"] = cookies[(i % #cookies) + 1] })
end
-- Denktijd: gelijk verdeeld tussen de helft en anderhalf keer het gemiddelde, zodat de
-- gebruikers niet allemaal tegelijk klikken.
delay = function()
  if $DENKTIJD == 0 then return 0 end
  return math.random(math.floor($DENKTIJD / 2), math.floor($DENKTIJD * 3 / 2))
end
response = function(status)
  if status ~= 200 then
    io.stderr:write("status " .. status .. "\n")
  end
end
LUA
wrk -t 2 -c "$GEBRUIKERS" -d "$DUUR" --latency -s "$MAP/vandaag.lua" "$BASIS/"
