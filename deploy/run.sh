#!/usr/bin/env bash
# Runs the whole marketplace locally: PostgreSQL and RabbitMQ (Docker compose where a Docker engine
# answers, else private instances from the OS packages), every service, and a seeded demo cooperative.
# Ctrl-C stops everything this script started.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
logs="$root/artifacts/logs"
mkdir -p "$logs"

infra=""
if docker info >/dev/null 2>&1; then
  docker compose -f deploy/docker-compose.yml up -d --wait
  infra=compose
  export MARKETPLACE_POSTGRES="Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres"
  export MARKETPLACE_RABBITMQ="amqp://guest:guest@127.0.0.1:55672/"
else
  bash deploy/local/infra.sh status >/dev/null 2>&1 || infra=local
  eval "$(bash deploy/local/infra.sh up)"
fi

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping services..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  case $infra in
    compose) docker compose -f deploy/docker-compose.yml stop ;;
    local) bash deploy/local/infra.sh down ;;
  esac
}
trap stop INT TERM EXIT

dotnet build Marketplace.sln --nologo -v quiet

export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__Postgres=$MARKETPLACE_POSTGRES
export ConnectionStrings__RabbitMq=$MARKETPLACE_RABBITMQ

# The demo cooperative's admin account (Development only): its password is set anew at every start.
demo_email=demo@marketplace.local
demo_password="demo-$(openssl rand -hex 8)"

declare -A ports=([Gateway]=5100 [Platform]=5101 [Catalog]=5102 [Ordering]=5103 [Web]=5104)
for service in Gateway Platform Catalog Ordering Web; do
  extra=()
  [[ $service == Platform ]] && extra=(--Marketplace:DemoCooperative=demo "--Marketplace:DemoAccountPassword=$demo_password")
  dotnet "services/$service/bin/Debug/net10.0/Marketplace.$service.dll" \
    --urls "http://127.0.0.1:${ports[$service]}" --contentRoot "$root/services/$service" "${extra[@]}" \
    >"$logs/$service.log" 2>&1 &
  pids+=($!)
done

for service in Gateway Platform Catalog Ordering Web; do
  url="http://127.0.0.1:${ports[$service]}/health/ready"
  for _ in $(seq 1 120); do
    curl -fsS "$url" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fsS "$url" >/dev/null || { echo "$service did not become ready; see $logs/$service.log" >&2; exit 1; }
done
for _ in $(seq 1 60); do
  curl -fsS http://127.0.0.1:5100/api/cooperatives | grep -q '"slug":"demo"' && break
  sleep 0.5
done

# Sign in as the demo admin through the gateway, as any client does, until the token carries the
# cooperative's admin role (the Platform seeds the account, then the cooperative and its membership).
token=""
for _ in $(seq 1 60); do
  token=$(curl -fsS http://127.0.0.1:5100/connect/token -d grant_type=password --data-urlencode "username=$demo_email" \
    --data-urlencode "password=$demo_password" -d scope=offline_access 2>/dev/null | sed -nE 's/.*"access_token": *"([^"]+)".*/\1/p') || true
  [[ -n $token ]] && curl -fsS http://127.0.0.1:5100/api/me -H "Authorization: Bearer $token" 2>/dev/null | grep -q '"coop":"demo","roles":\[[^]]*"admin"' && break
  token=""
  sleep 0.5
done
[[ -n $token ]] || { echo "Could not sign in as $demo_email; see $logs/Platform.log" >&2; exit 1; }
bash "$root/deploy/local/seed-catalog.sh" "$token" || echo "Could not seed the demo catalog; see $logs/Catalog.log" >&2

cat <<EOT

Marketplace is running (logs in $logs):
  Gateway   http://127.0.0.1:5100   API reference http://127.0.0.1:5100/scalar   (the public entry point: use this one)
  Platform  http://127.0.0.1:5101   API reference http://127.0.0.1:5101/scalar   cooperatives: GET /api/cooperatives
  Catalog   http://127.0.0.1:5102   API reference http://127.0.0.1:5102/scalar
  Ordering  http://127.0.0.1:5103   health        http://127.0.0.1:5103/health/ready
  Web app   http://127.0.0.1:5104   (French and English; the demo's storefront, shops' back office, members)
  Demo cooperative: "demo".  Its admin: $demo_email / $demo_password
  An access token for it (15 min; get another with POST /connect/token):
    export TOKEN=$token
  Password reset mails: no SMTP server in the local run, the link is in $logs/Platform.log
  Try:
    curl -s http://127.0.0.1:5100/api/cooperatives
    curl -s 'http://127.0.0.1:5100/api/coops/demo/products?q=pates'
    curl -s -X POST http://127.0.0.1:5100/api/coops/demo/shops -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' -d '{"name":"Boulangerie Martin"}'
Press Ctrl-C to stop.
EOT
wait -n "${pids[@]}"
echo "A service exited; see $logs" >&2
