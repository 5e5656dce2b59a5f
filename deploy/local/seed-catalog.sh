#!/usr/bin/env bash
# Seeds the demo cooperative's catalog through the public API (gateway), as a shop would: two approved
# shops with their hours and address, connected to Stripe (the sandbox's onboarding), and a few products with
# stock. Does nothing when the demo already has approved shops. Usage: seed-catalog.sh <admin access token> [gateway url] [cooperative]
#
# A call answered 503 (the Catalog still applying its schema to a cooperative onboarded a moment ago) or 429
# is retried after its Retry-After, for at most SEED_RETRY_SECONDS (default 60) in all; any other answer that
# is not 2xx, or no answer, stops the script with the call, the status and the body, and exit status 1.
set -euo pipefail
token=$1
api=${2:-http://127.0.0.1:5100}
coop=${3:-demo}
deadline=$((SECONDS + ${SEED_RETRY_SECONDS:-60}))
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A background bash ignores SIGINT, and its parent stops it with TERM: both end the script (and clean up).
trap 'exit 130' INT
trap 'exit 143' TERM

# call METHOD PATH [auth] [< body]: prints the answer's body on 2xx; retries 503 and 429; fails loudly otherwise.
call() {
  local method=$1 path=$2 body="" status wait
  local args=(-sS -X "$method" -o "$tmp/body" -D "$tmp/headers" -w '%{http_code}')
  [[ ${3:-} == auth ]] && args+=(-H "Authorization: Bearer $token")
  [[ $method == GET ]] || body=$(cat)
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary @-)
  while :; do
    status=$(printf '%s' "$body" | curl "${args[@]}" "$api$path") || status=000
    case $status in
      2??) cat "$tmp/body"; return 0 ;;
      503|429)
        wait=$(sed -nE 's/^[Rr]etry-[Aa]fter: *([0-9]+).*/\1/p' "$tmp/headers" | head -n1)
        wait=${wait:-2}
        if (( SECONDS + wait > deadline )); then
          echo "seed-catalog: $method $path still answered $status after ${SEED_RETRY_SECONDS:-60} s of retries: $(cat "$tmp/body")" >&2
          exit 1
        fi
        sleep "$wait" ;;
      *)
        [[ $status == 000 ]] && status="nothing (no connection)"
        echo "seed-catalog: $method $path answered $status: $(cat "$tmp/body" 2>/dev/null || true)" >&2
        exit 1 ;;
    esac
  done
}

# The first call reaches the Catalog: it is the one that may still find the schema missing (503, retried).
shops=$(call GET "/api/coops/$coop/shops")
if grep -q '"id"' <<<"$shops"; then
  echo "The $coop catalog already has approved shops: not seeded again."
  exit 0
fi

shop() { # name, street, description fr, description en -> shop id
  local answer id
  answer=$(call POST "/api/coops/$coop/shops" auth <<JSON
{"name":"$1","description":{"fr":"$3","en":"$4"},
 "address":{"line1":"$2","postcode":"69001","city":"Lyon"},
 "openingHours":[{"day":"tuesday","opens":"08:00","closes":"19:30"},{"day":"wednesday","opens":"08:00","closes":"19:30"},
   {"day":"thursday","opens":"08:00","closes":"19:30"},{"day":"friday","opens":"08:00","closes":"19:30"},
   {"day":"saturday","opens":"08:00","closes":"13:00"}],
 "fulfilment":{"pickup":true,"delivery":true,"deliveryNote":{"fr":"Livraison à vélo dans le 1er arrondissement","en":"Bike delivery in the 1st district"}},
 "contact":{"email":"contact@example.org","phone":"04 78 00 00 00"}}
JSON
  )
  id=$(sed -nE 's/^\{"id":"([^"]+)".*/\1/p' <<<"$answer")
  [[ -n $id ]] || { echo "seed-catalog: registering $1 answered no shop id: $answer" >&2; exit 1; }
  echo "$id"
}

product() { # shop, sku, name fr, name en, category, price minor, vat bp, stock
  call POST "/api/coops/$coop/shops/$1/products" auth >/dev/null <<JSON
{"sku":"$2","name":{"fr":"$3","en":"$4"},"description":{"fr":"$3, de notre boutique.","en":"$4, from our shop."},
 "category":"$5","imageUrls":[],"price":{"minor":$6,"currency":"EUR"},"vatRate":$7,"initialStock":$8}
JSON
}

epicerie=$(shop "Épicerie des Terreaux" "4 place des Terreaux" "Produits secs, huiles et conserves de la région." "Dry goods, oils and preserves from the region.")
fromagerie=$(shop "Fromagerie Saint-Jean" "12 rue Saint-Jean" "Fromages affinés par nos soins." "Cheeses we age ourselves.")
for s in "$epicerie" "$fromagerie"; do
  call POST "/api/coops/$coop/shops/$s/approve" auth >/dev/null </dev/null
done

connect() { # shop id: its Stripe account opened and onboarded through the sandbox's page, as its owner would
  local answer link
  # Payments answers 404 until it has heard of the shop from Catalog (a moment after it is registered).
  until answer=$(curl -fsS -X POST -H "Authorization: Bearer $token" "$api/api/coops/$coop/shops/$1/payouts/onboarding" 2>"$tmp/error"); do
    (( SECONDS < deadline )) || { echo "seed-catalog: no onboarding link for shop $1: $(cat "$tmp/error")" >&2; exit 1; }
    sleep 1
  done
  link=$(sed -nE 's/.*"url":"([^"]+)".*/\1/p' <<<"$answer")
  curl -fsS -o /dev/null -X POST "$link" || { echo "seed-catalog: the sandbox's onboarding page $link refused the form" >&2; exit 1; }
  until call GET "/api/coops/$coop/shops/$1/payouts" auth | grep -q '"can-receive-transfers"'; do
    (( SECONDS < deadline )) || { echo "seed-catalog: shop $1 still cannot receive transfers" >&2; exit 1; }
    sleep 1
  done
}
product "$epicerie" PATES-500 "Pâtes fraîches aux œufs" "Fresh egg pasta" "Épicerie" 450 550 24
product "$epicerie" HUILE-50 "Huile d'olive vierge extra" "Extra virgin olive oil" "Épicerie" 1290 550 10
product "$epicerie" TOMATES-1 "Tomates séchées" "Sun-dried tomatoes" "Épicerie" 590 550 0
product "$epicerie" CAFE-250 "Café moulu d'Éthiopie" "Ethiopian ground coffee" "Boissons" 790 550 15
product "$fromagerie" COMTE-24 "Comté 24 mois" "Comté aged 24 months" "Fromages" 3290 550 6
product "$fromagerie" STMARC-1 "Saint-Marcellin" "Saint-Marcellin cheese" "Fromages" 320 550 30
product "$fromagerie" BEURRE-250 "Beurre demi-sel" "Salted butter" "Crèmerie" 380 550 2
connect "$epicerie"
connect "$fromagerie"
echo "Seeded the $coop catalog: 2 shops connected to Stripe (the sandbox), 7 products."
