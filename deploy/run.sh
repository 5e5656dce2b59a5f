#!/usr/bin/env bash
# Runs the whole marketplace locally: PostgreSQL and RabbitMQ (Docker compose where a Docker engine
# answers, else private instances from the OS packages), every service, and a seeded demo cooperative.
# It prints that the demo is ready only once every service has prepared the demo cooperative, the catalog is
# seeded and the storefront shows its products; otherwise it says what failed and exits non-zero.
# Ctrl-C (or TERM) stops everything this script started.
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
seed=""
stopping=""
stop() {
  [[ -n $stopping ]] && return
  stopping=1
  trap - INT TERM EXIT
  echo
  echo "Stopping services..."
  [[ -n $seed ]] && kill "$seed" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # A service drains its requests and stops its daemons on TERM; one still there after 20 s is killed.
  for _ in $(seq 1 40); do
    alive=""
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [[ -z $alive ]] && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  case $infra in
    compose) docker compose -f deploy/docker-compose.yml stop ;;
    local) bash deploy/local/infra.sh down ;;
  esac
}
# Ctrl-C, or TERM (what a background run gets: a background bash ignores SIGINT): stop everything, then exit.
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT
fail() {
  echo "Demo NOT ready: $*" >&2
  exit 1
}

# The services only (not the tests), and no build servers: nothing of this run outlives it.
# StripeSandbox is not a service of the marketplace but the local stand-in for Stripe (ADR 30), for Payments' payment flow
# when no Stripe keys are configured.
services=(StripeSandbox Gateway Platform Catalog Ordering Payments Governance Web)
for service in "${services[@]}"; do
  dotnet build "services/$service" --nologo -v quiet --disable-build-servers >/dev/null || fail "building $service failed (dotnet build services/$service)"
done

export ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__Postgres=$MARKETPLACE_POSTGRES
export ConnectionStrings__RabbitMq=$MARKETPLACE_RABBITMQ

# This installation's own token signing key pair, made on the first run and kept outside the repository
# (readable by its owner only): a key pair in the repository would let anyone who has it mint an admin token
# for any cooperative. Every service validates with the public half; only the Platform holds the private one.
keys=${MARKETPLACE_KEYS_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/marketplace}
if [[ ! -s $keys/token-signing.pem ]]; then
  mkdir -p "$keys"
  chmod 700 "$keys"
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/token-signing.pem" 2>/dev/null) ||
    fail "could not make the token signing key pair in $keys (openssl genpkey)"
  echo "Made this installation's token signing key pair in $keys"
fi
export Marketplace__Auth__SigningPublicKey
Marketplace__Auth__SigningPublicKey=$(openssl pkey -in "$keys/token-signing.pem" -pubout) ||
  fail "could not read the token signing key $keys/token-signing.pem"

# The demo cooperative's admin account (Development only): its password is set anew at every start.
demo_email=demo@marketplace.local
demo_password="demo-$(openssl rand -hex 8)"

# The Stripe sandbox keeps its state (accounts, payments, events) in a file, so that a restart of the run keeps it;
# its webhook signing secret is made for this run.
stripe_sandbox_state="$root/artifacts/stripe-sandbox/state.json"
mkdir -p "$(dirname "$stripe_sandbox_state")"
stripe_webhook_secret="whsec_$(openssl rand -hex 24)"

declare -A ports=([StripeSandbox]=5090 [Gateway]=5100 [Platform]=5101 [Catalog]=5102 [Ordering]=5103 [Web]=5104 [Payments]=5105 [Governance]=5106)
for service in "${services[@]}"; do
  extra=()
  [[ $service == Platform ]] && extra=(--Marketplace:DemoCooperative=demo "--Marketplace:DemoAccountPassword=$demo_password")
  # The sandbox signs its webhooks for Payments' endpoint; Payments, with no Stripe key, talks to the sandbox (ADR 34).
  [[ $service == StripeSandbox ]] && extra=("--StripeSandbox:StateFile=$stripe_sandbox_state"
    "--StripeSandbox:WebhookUrls:0=http://127.0.0.1:${ports[Payments]}/api/payments/stripe/webhooks" "--StripeSandbox:PublicUrl=http://127.0.0.1:${ports[StripeSandbox]}")
  [[ $service == Payments ]] && extra=("--Payments:Stripe:ApiBase=http://127.0.0.1:${ports[StripeSandbox]}" "--Payments:Stripe:HostedPaymentPageBase=http://127.0.0.1:${ports[StripeSandbox]}")
  # The private key reaches the Platform alone, through its environment (never on a command line: ps shows those).
  private_key=""
  [[ $service == Platform ]] && private_key=$(cat "$keys/token-signing.pem")
  StripeSandbox__WebhookSecret=$stripe_webhook_secret Payments__Stripe__WebhookSecret=$stripe_webhook_secret \
  Marketplace__Auth__SigningPrivateKey=$private_key dotnet "services/$service/bin/Debug/net10.0/Marketplace.$service.dll" \
    --urls "http://127.0.0.1:${ports[$service]}" --contentRoot "$root/services/$service" "${extra[@]}" \
    >"$logs/$service.log" 2>&1 &
  pids+=($!)
done

for service in "${services[@]}"; do
  url="http://127.0.0.1:${ports[$service]}/health/ready"
  for _ in $(seq 1 120); do
    curl -fsS "$url" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fsS "$url" >/dev/null 2>&1 || fail "$service did not become ready; see $logs/$service.log"
done
listed=""
for _ in $(seq 1 60); do
  listed=$(curl -fsS http://127.0.0.1:5100/api/cooperatives/demo 2>/dev/null) || true
  grep -q '"slug":"demo"' <<<"$listed" && break
  sleep 0.5
done
grep -q '"slug":"demo"' <<<"$listed" || fail "the Platform did not onboard the demo cooperative; see $logs/Platform.log"

# Sign in as the demo admin through the gateway, as any client does, until the token carries the
# cooperative's admin role (the Platform seeds the account, then the cooperative and its membership).
token=""
for _ in $(seq 1 60); do
  token=$(curl -fsS http://127.0.0.1:5100/connect/token -d grant_type=password --data-urlencode "username=$demo_email" \
    --data-urlencode "password=$demo_password" -d scope=offline_access 2>/dev/null | sed -nE 's/.*"access_token": *"([^"]+)".*/\1/p') || true
  me=""
  [[ -n $token ]] && me=$(curl -fsS http://127.0.0.1:5100/api/me -H "Authorization: Bearer $token" 2>/dev/null) || true
  grep -q '"coop":"demo","roles":\[[^]]*"admin"' <<<"$me" && break
  token=""
  sleep 0.5
done
[[ -n $token ]] || fail "could not sign in as $demo_email with the demo's admin role; see $logs/Platform.log"

# Every service with a store applies its schema to the demo's database on its own (when it hears of the
# cooperative, or at start): wait until each says it has, before seeding.
prepared() { # service port -> success once that service has applied its schema in the demo's database (503 before)
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/health/cooperatives/demo") == 200 ]]
}
for service in Catalog Ordering Payments Governance; do
  deadline=$((SECONDS + 90))
  until prepared "$service" "${ports[$service]}"; do
    (( SECONDS < deadline )) || fail "$service has not prepared the demo cooperative after 90 s; see $logs/$service.log"
    sleep 0.5
  done
done

# In the background and waited for, so that Ctrl-C or TERM stops it at once too.
bash "$root/deploy/local/seed-catalog.sh" "$token" &
seed=$!
wait "$seed" || fail "could not seed the demo catalog (the error is above); see $logs/Catalog.log"
seed=""

# The demo is ready when a customer sees its products: through the gateway, and on the web app's storefront.
found=$(curl -fsS 'http://127.0.0.1:5100/api/coops/demo/products?q=marcellin' 2>&1) || true
grep -q '"Saint-Marcellin"' <<<"$found" || fail "searching the demo's products through the gateway did not find the seeded Saint-Marcellin: $found"
storefront=http://127.0.0.1:5104/en/coops/demo/products
page=$(curl -fsS "$storefront?q=marcellin" 2>&1) || true
grep -q 'Saint-Marcellin' <<<"$page" || fail "the web app's storefront ($storefront?q=marcellin) does not show the seeded Saint-Marcellin; see $logs/Web.log"

cat <<EOT

The demo is ready. Marketplace is running (logs in $logs):
  Gateway   http://127.0.0.1:5100   API reference http://127.0.0.1:5100/scalar   (the public entry point: use this one)
  Platform  http://127.0.0.1:5101   API reference http://127.0.0.1:5101/scalar   cooperatives: GET /api/cooperatives
  Catalog   http://127.0.0.1:5102   API reference http://127.0.0.1:5102/scalar
  Ordering  http://127.0.0.1:5103   health        http://127.0.0.1:5103/health/ready
  Payments  http://127.0.0.1:5105   API reference http://127.0.0.1:5105/scalar   fee policy: GET /api/coops/demo/payments/fee-policy
  Governance http://127.0.0.1:5106  API reference http://127.0.0.1:5106/scalar   statutes: GET /api/coops/demo/governance/statutes
  Web app   http://127.0.0.1:5104   (French and English; the demo's storefront, shops' back office, members)
  Stripe sandbox http://127.0.0.1:5090   (the local stand-in for Stripe: API key any sk_test_…; state in $stripe_sandbox_state)
  Storefront of the demo: http://127.0.0.1:5104/fr/coops/demo/products (in English: $storefront)
  Demo cooperative: "demo".  Its admin: $demo_email / $demo_password
  An access token for it (15 min; get another with POST /connect/token):
    export TOKEN=$token
  Password reset mails: no SMTP server in the local run, the link is in $logs/Platform.log
  Try:
    curl -s http://127.0.0.1:5100/api/cooperatives
    curl -s 'http://127.0.0.1:5100/api/coops/demo/products?q=pates'
    curl -s http://127.0.0.1:5100/api/coops/demo/payments/fee-policy -H "Authorization: Bearer \$TOKEN"
    curl -s -X POST http://127.0.0.1:5100/api/coops/demo/shops -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' -d '{"name":"Boulangerie Martin"}'
Press Ctrl-C to stop (or send TERM to this script, pid $$).
EOT
wait -n "${pids[@]}" || true
echo "A service exited; see $logs" >&2
exit 1
