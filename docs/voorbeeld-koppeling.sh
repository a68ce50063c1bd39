#!/usr/bin/env bash
# Een voorbeeldkoppeling met de API van Vangnet, alleen met curl en jq (zie docs/API.md): een
# aanvraag registreren, bijstand toekennen, de betaalrun van deze maand draaien en het
# betaalbestand (pain.001) downloaden. CI draait dit script tegen een demoserver
# (.ci/api-tester), dus wat hier staat, werkt.
#
# Nodig (omgeving):
#   VANGNET_ADRES       bv. https://vangnet.gemeente.nl
#   TOKEN_ONDERSTEUNER  registreert de aanvraag        (recht: dossiers registreren)
#   TOKEN_CONSULENT     kent toe                        (recht: uitkeringen beheren)
#   TOKEN_BEHEERDER     start de betaalrun              (recht: betaalrun starten)
#   TOKEN_TEAMLEIDER    keurt goed en downloadt         (vier ogen: een ander dan wie startte)
# Uitvoer: het betaalbestand in ${BESTAND:-betaalbestand.xml}.
set -euo pipefail
: "${VANGNET_ADRES:?}" "${TOKEN_ONDERSTEUNER:?}" "${TOKEN_CONSULENT:?}" "${TOKEN_BEHEERDER:?}" "${TOKEN_TEAMLEIDER:?}"
bestand=${BESTAND:-betaalbestand.xml}

# api METHODE PAD TOKEN [JSON]: het antwoord op stdout; bij een fout het probleem (problem+json,
# met de velden die niet klopten) op stderr en stoppen.
api() {
  local antwoord status
  antwoord=$(curl -sS -X "$1" "$VANGNET_ADRES$2" -H "Authorization: Bearer $3" \
    -H 'Content-Type: application/json' ${4:+--data "$4"} -w '\n%{http_code}')
  status=${antwoord##*$'\n'}
  antwoord=${antwoord%$'\n'*}
  if [ "$status" -ge 400 ]; then
    echo "$1 $2: $status" >&2
    echo "$antwoord" | jq . >&2 || echo "$antwoord" >&2
    exit 1
  fi
  echo "$antwoord"
}

# Een BSN dat de elfproef haalt (in een echte koppeling: het BSN van de aanvrager).
bsn() {
  while :; do
    local n=$((RANDOM % 9 + 1))$(printf '%08d' $(((RANDOM * 32768 + RANDOM) % 100000000)))
    local som=0 i
    for i in 0 1 2 3 4 5 6 7; do som=$((som + ${n:i:1} * (9 - i))); done
    som=$((som - ${n:8:1}))
    [ $((som % 11)) -eq 0 ] && { echo "$n"; return; }
  done
}

vandaag=$(date +%F)
maand=$(date +%Y-%m)
betaaldatum=$(date -d '+3 days' +%F)

# 1. De aanvraag (art. 43 Pw): aanvrager, adres en rekening. Antwoord 201 met id en nummer.
aanvraag=$(jq -n --arg bsn "$(bsn)" --arg dag "$vandaag" '{
  ontvangen_op: $dag,
  aanvrager: {bsn: $bsn, voornamen: "Sanne", geslachtsnaam: "de Vries", geboortedatum: "1988-04-12"},
  adres: {straat: "Coolsingel", huisnummer: "40", postcode: "3011 AD", woonplaats: "Rotterdam"},
  iban: "NL91ABNA0417164300"
}')
dossier=$(api POST /api/v1/dossiers "$TOKEN_ONDERSTEUNER" "$aanvraag" | jq -r .id)
echo "aanvraag geregistreerd: dossier $dossier"

# 2. Eerst zien wat de toekenning per maand betaalt (met de uitleg per artikel), dan toekennen:
#    201 (toegekend) of 202 (vier ogen: een tweede consulent beoordeelt het voorstel).
toekenning=$(jq -n --arg dag "$vandaag" '{begindatum: $dag}')
api POST "/api/v1/dossiers/$dossier/uitkering/voorbeeld" "$TOKEN_CONSULENT" "$toekenning" |
  jq -r '.maanden[] | "  \(.maand): \(.uitbetaling_centen // .fout) cent"'
uitkomst=$(api POST "/api/v1/dossiers/$dossier/uitkering" "$TOKEN_CONSULENT" "$toekenning")
[ "$(echo "$uitkomst" | jq -r .status)" = toegekend ] || {
  echo "voorgelegd voor vier ogen: $uitkomst" >&2
  exit 1
}
echo "toegekend: uitkering $(echo "$uitkomst" | jq -r .uitkering_id)"

# 3. De betaalrun van deze maand: starten (202; het berekenen is een job), wachten tot hij
#    berekend is, en het overzicht lezen.
run=$(api POST /api/v1/betaalruns "$TOKEN_BEHEERDER" \
  "$(jq -n --arg m "$maand" --arg b "$betaaldatum" '{maand: $m, betaaldatum: $b}')" | jq -r .id)
for _ in $(seq 1 120); do
  overzicht=$(api GET "/api/v1/betaalruns/$run" "$TOKEN_TEAMLEIDER")
  status=$(echo "$overzicht" | jq -r .run.status)
  [ "$status" = berekend ] && break
  [ "$(echo "$overzicht" | jq -r '.job.status // ""')" = mislukt ] && {
    echo "$overzicht" | jq .job >&2
    exit 1
  }
  sleep 1
done
[ "$status" = berekend ] || { echo "run $run is na twee minuten niet berekend" >&2; exit 1; }
echo "$overzicht" | jq -r '"run \(.run.id): \(.run.aantal_betalingen) betalingen, \(.run.totaal_centen) cent"'

# 4. Goedkeuren door een tweede (vier ogen), met de versie die zojuist gelezen is en de
#    uitdrukkelijke bevestiging dat aantal en bedrag gecontroleerd zijn.
versie=$(echo "$overzicht" | jq -r .run.versie)
api POST "/api/v1/betaalruns/$run/goedkeuring" "$TOKEN_TEAMLEIDER" \
  "{\"versie\": $versie, \"gecontroleerd\": true}" >/dev/null
echo "goedgekeurd"

# 5. Het betaalbestand. Een tweede download vraagt opnieuw=true (hetzelfde bericht-id, zodat de
#    bank een dubbele inzending weigert).
api GET "/api/v1/betaalruns/$run/betaalbestand" "$TOKEN_TEAMLEIDER" > "$bestand"
echo "betaalbestand: $bestand ($(grep -o '<NbOfTxs>[0-9]*' "$bestand" | head -n 1 | cut -d'>' -f2) overboekingen)"
