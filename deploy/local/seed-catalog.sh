#!/usr/bin/env bash
# Seeds the demo cooperative's catalog through the public API (gateway), as a shop would: two approved
# shops with their hours and address, and a few products with stock. Does nothing when the demo already
# has approved shops. Usage: seed-catalog.sh <admin access token> [gateway url] [cooperative]
set -euo pipefail
token=$1
api=${2:-http://127.0.0.1:5100}
coop=${3:-demo}
auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')

if curl -fsS "$api/api/coops/$coop/shops" | grep -q '"id"'; then
  exit 0
fi

shop() { # name, street, description fr, description en -> shop id
  curl -fsS -X POST "$api/api/coops/$coop/shops" "${auth[@]}" -d @- <<JSON | sed -nE 's/^\{"id":"([^"]+)".*/\1/p'
{"name":"$1","description":{"fr":"$3","en":"$4"},
 "address":{"line1":"$2","postcode":"69001","city":"Lyon"},
 "openingHours":[{"day":"tuesday","opens":"08:00","closes":"19:30"},{"day":"wednesday","opens":"08:00","closes":"19:30"},
   {"day":"thursday","opens":"08:00","closes":"19:30"},{"day":"friday","opens":"08:00","closes":"19:30"},
   {"day":"saturday","opens":"08:00","closes":"13:00"}],
 "fulfilment":{"pickup":true,"delivery":true,"deliveryNote":{"fr":"Livraison à vélo dans le 1er arrondissement","en":"Bike delivery in the 1st district"}},
 "contact":{"email":"contact@example.org","phone":"04 78 00 00 00"}}
JSON
}

product() { # shop, sku, name fr, name en, category, price minor, vat bp, stock
  curl -fsS -o /dev/null -X POST "$api/api/coops/$coop/shops/$1/products" "${auth[@]}" -d @- <<JSON
{"sku":"$2","name":{"fr":"$3","en":"$4"},"description":{"fr":"$3, de notre boutique.","en":"$4, from our shop."},
 "category":"$5","imageUrls":[],"price":{"minor":$6,"currency":"EUR"},"vatRate":$7,"initialStock":$8}
JSON
}

epicerie=$(shop "Épicerie des Terreaux" "4 place des Terreaux" "Produits secs, huiles et conserves de la région." "Dry goods, oils and preserves from the region.")
fromagerie=$(shop "Fromagerie Saint-Jean" "12 rue Saint-Jean" "Fromages affinés par nos soins." "Cheeses we age ourselves.")
for s in "$epicerie" "$fromagerie"; do
  curl -fsS -o /dev/null -X POST "$api/api/coops/$coop/shops/$s/approve" "${auth[@]}"
done
product "$epicerie" PATES-500 "Pâtes fraîches aux œufs" "Fresh egg pasta" "Épicerie" 450 550 24
product "$epicerie" HUILE-50 "Huile d'olive vierge extra" "Extra virgin olive oil" "Épicerie" 1290 550 10
product "$epicerie" TOMATES-1 "Tomates séchées" "Sun-dried tomatoes" "Épicerie" 590 550 0
product "$epicerie" CAFE-250 "Café moulu d'Éthiopie" "Ethiopian ground coffee" "Boissons" 790 550 15
product "$fromagerie" COMTE-24 "Comté 24 mois" "Comté aged 24 months" "Fromages" 3290 550 6
product "$fromagerie" STMARC-1 "Saint-Marcellin" "Saint-Marcellin cheese" "Fromages" 320 550 30
product "$fromagerie" BEURRE-250 "Beurre demi-sel" "Salted butter" "Crèmerie" 380 550 2
echo "Seeded the $coop catalog: 2 shops, 7 products."
