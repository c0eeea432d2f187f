#!/usr/bin/env bash
# Validates TaskRocket's deployment files without a cluster, Docker or Tilt:
#   - Helm chart: lint (strict) and render with the default, dev and optional values;
#   - Kustomize: every overlay and every combination of optional components;
#   - each render: kubectl-validate against the Kubernetes 1.30 schemas, the
#     Dapr 1.16.0 CRDs and the Istio CRDs of istio.io/api (both from the Go
#     module proxy); cross-references by manifestcheck (deploy/check);
#   - the chart's values against values.schema.json (helm lint and template);
#   - drift: the generated Kustomize files match the chart, and the chart's
#     default Dapr resources equal components/k8s;
#   - Tiltfile: evaluated by tiltcheck (tilt/check), default and overridden settings;
#   - Dockerfile: the Go build it runs, natively, gives a static binary with
#     the version injected; shell scripts parse.
# Tools are installed once into .bin/ (pinned, `go install`); afterwards the
# script runs offline. Exits non-zero on any failure. See deploy/README.md.
set -uo pipefail

HELM_VERSION=v3.22.0
KUSTOMIZE_VERSION=v5.8.2
KUBECTL_VALIDATE_VERSION=v0.0.4
DAPR_VERSION=v1.16.0
ISTIO_API_VERSION=v1.24.2
K8S_VERSION=1.30

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bin="$root/.bin"
export PATH="$bin:$PATH"
export GOFLAGS=-buildvcs=false
work="$(mktemp -d "${TMPDIR:-/tmp}/taskrocket-validate.XXXXXX")"
trap 'rm -rf "$work"' EXIT
start=$SECONDS
failures=()
checks=0

section() { printf '\n==> %s\n' "$*"; }
pass() { checks=$((checks + 1)); printf '  ok   %s\n' "$*"; }
fail() { checks=$((checks + 1)); failures+=("$*"); printf '  FAIL %s\n' "$*" >&2; }
# step NAME CMD...: runs CMD, quiet unless it fails.
step() {
  local name="$1"; shift
  if "$@" >"$work/step.log" 2>&1; then pass "$name"; else fail "$name"; sed 's/^/       /' "$work/step.log" >&2; fi
}
# expect_fail NAME CMD...: a negative control, CMD must fail.
expect_fail() {
  local name="$1"; shift
  if "$@" >"$work/step.log" 2>&1; then fail "$name (the check accepted a broken input)"; else pass "$name"; fi
}
rel() { realpath --relative-to="$1" "$2"; }

# --- tools -----------------------------------------------------------------
section "Tools (pinned, in .bin/)"
# ensure NAME MODULE PACKAGE VERSION: go install unless .bin/NAME was built from MODULE@VERSION.
ensure() {
  local name="$1" module="$2" pkg="$3" version="$4"
  if [ -x "$bin/$name" ] && go version -m "$bin/$name" 2>/dev/null | grep -qE "^[[:space:]]+mod[[:space:]]+$module[[:space:]]+$version[[:space:]]"; then
    pass "$name $version (installed)"
    return
  fi
  echo "  ...  installing $name $version with go install (first run only; a few minutes)"
  if (cd "$work" && GOWORK=off GOBIN="$bin" go install "$pkg@$version") >"$work/install.log" 2>&1; then
    pass "$name $version (installed now)"
  else
    fail "install $name $version"; tail -20 "$work/install.log" >&2
  fi
}
mkdir -p "$bin"
ensure helm helm.sh/helm/v3 helm.sh/helm/v3/cmd/helm "$HELM_VERSION"
ensure kustomize sigs.k8s.io/kustomize/kustomize/v5 sigs.k8s.io/kustomize/kustomize/v5 "$KUSTOMIZE_VERSION"
ensure kubectl-validate sigs.k8s.io/kubectl-validate sigs.k8s.io/kubectl-validate "$KUBECTL_VALIDATE_VERSION"
for tool in manifestcheck:deploy/check tiltcheck:tilt/check; do
  name="${tool%%:*}" dir="${tool#*:}"
  step "$name built from $dir" bash -c "cd '$dir' && GOWORK=off go vet . && GOWORK=off go build -o '$bin/$name' ."
done
crds="$(cd "$work" && GOWORK=off GOFLAGS=-mod=mod go mod download -json "github.com/dapr/dapr@$DAPR_VERSION" 2>/dev/null \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')/charts/dapr/crds"
if [ -f "$crds/components.yaml" ]; then pass "Dapr $DAPR_VERSION CRDs from the Go module cache"; else fail "Dapr CRDs not found ($crds)"; fi
annotations="${crds%/charts/dapr/crds}/pkg/injector/annotations/annotations.go"
istio_crds="$(cd "$work" && GOWORK=off GOFLAGS=-mod=mod go mod download -json "istio.io/api@$ISTIO_API_VERSION" 2>/dev/null \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')/kubernetes/customresourcedefinitions.gen.yaml"
if [ -f "$istio_crds" ]; then pass "Istio CRDs of istio.io/api $ISTIO_API_VERSION from the Go module cache"; else fail "Istio CRDs not found ($istio_crds)"; fi
# kubectl-validate reads every CRD of one folder: Dapr's and Istio's together.
mkdir -p "$work/crds" && cp "$crds"/*.yaml "$work/crds/" && cp "$istio_crds" "$work/crds/istio.yaml"
crds="$work/crds"
contrib="$(cd "$work" && GOWORK=off GOFLAGS=-mod=mod go mod download -json "github.com/dapr/components-contrib@$DAPR_VERSION" 2>/dev/null \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
if [ -f "$contrib/pubsub/kafka/metadata.yaml" ]; then pass "Dapr components-contrib $DAPR_VERSION metadata from the Go module cache"; else fail "components-contrib not found ($contrib)"; fi
for t in helm kustomize kubectl-validate manifestcheck tiltcheck; do
  command -v "$t" >/dev/null || { echo "missing $t; cannot go on" >&2; exit 1; }
done

# validate NAME FILE [manifestcheck flags...]: schema + structural checks of a render.
validate() {
  local name="$1" file="$2"; shift 2
  local kv="$work/kv-$name"
  rm -rf "$kv"
  if manifestcheck check -name "$name" -kv-dir "$kv" -dapr-annotations "$annotations" -contrib "$contrib" "$@" "$file" >"$work/mc.log" 2>&1; then
    pass "$(sed 's/^  ok   //' "$work/mc.log")"
  else
    fail "$name: manifestcheck"; sed 's/^/       /' "$work/mc.log" >&2
    return
  fi
  if kubectl-validate "$kv" --local-crds "$crds" --version "$K8S_VERSION" >"$work/kv.log" 2>&1; then
    pass "$name: kubectl-validate, $(find "$kv" -name '*.yaml' | wc -l) objects (Kubernetes $K8S_VERSION + Dapr and Istio CRDs)"
  else
    fail "$name: kubectl-validate"; grep -v -e '\.\.\..*OK' -e '^$' "$work/kv.log" | sed 's/^/       /' >&2
  fi
}

# --- Helm ------------------------------------------------------------------
section "Helm chart deploy/helm/taskrocket"
chart=deploy/helm/taskrocket
step "helm lint --strict (default values)" helm lint --strict "$chart" --namespace taskrocket
step "helm lint --strict (values-dev.yaml)" helm lint --strict "$chart" --namespace taskrocket -f "$chart/values-dev.yaml"
# render NAME ARGS...: helm template into $work/NAME.yaml
render() {
  local name="$1"; shift
  if helm template taskrocket "$chart" --namespace taskrocket "$@" >"$work/$name.yaml" 2>"$work/render.log"; then
    return 0
  fi
  fail "$name: helm template"; sed 's/^/       /' "$work/render.log" >&2; return 1
}
render helm-default && validate helm-default "$work/helm-default.yaml" -want-istio
render helm-dev -f "$chart/values-dev.yaml" && validate helm-dev "$work/helm-dev.yaml" -allow-writable-root
render helm-netpol --set networkPolicies.enabled=true --set 'dapr.secretAccess.auth={auth-signing-keys}' && validate helm-netpol "$work/helm-netpol.yaml" -want-istio -want-netpol
render helm-no-mesh --set istio.enabled=false && validate helm-no-mesh "$work/helm-no-mesh.yaml"
render helm-other-ns --namespace tr-check && validate helm-other-ns "$work/helm-other-ns.yaml" -namespace tr-check -want-istio
render helm-autoscaling --set defaults.autoscaling.enabled=true --set services.gateway.autoscaling.maxReplicas=10 \
  --set services.users.autoscaling.targetMemoryUtilizationPercentage=80 && validate helm-autoscaling "$work/helm-autoscaling.yaml" -want-istio
if [ -f "$work/helm-autoscaling.yaml" ]; then
  n=$(grep -c '^kind: HorizontalPodAutoscaler$' "$work/helm-autoscaling.yaml")
  if [ "$n" = 12 ]; then pass "autoscaling: one HorizontalPodAutoscaler per service"; else fail "autoscaling: $n HorizontalPodAutoscalers, want 12"; fi
fi
step "values.schema.json refuses a misspelt service key" \
  bash -c "! helm template t '$chart' --set services.gateway.replicaz=2 >/dev/null 2>&1"
step "values.schema.json refuses a wrong type" \
  bash -c "! helm template t '$chart' --set-string services.users.port=http >/dev/null 2>&1"
step "helm: a component without scopes is refused" \
  bash -c "! helm template t '$chart' --set 'dapr.components.push.scopes=null' >/dev/null 2>&1"

# --- Kustomize ---------------------------------------------------------------
section "Kustomize deploy/kustomize"
kz=deploy/kustomize
# build NAME DIR: kustomize build into $work/NAME.yaml
build() {
  if kustomize build "$2" >"$work/$1.yaml" 2>"$work/build.log"; then return 0; fi
  fail "$1: kustomize build $2"; sed 's/^/       /' "$work/build.log" >&2; return 1
}
build kustomize-prod "$kz/overlays/prod" && validate kustomize-prod "$work/kustomize-prod.yaml" -want-istio -want-netpol
build kustomize-dev "$kz/overlays/dev" && validate kustomize-dev "$work/kustomize-dev.yaml"
build dev-infra deploy/dev-infra && validate dev-infra "$work/dev-infra.yaml" -want-dapr=false
build components-k8s components/k8s && validate components-k8s "$work/components-k8s.yaml"
# Every combination of the optional components (Online Boutique style), plus
# another namespace and host (the replacements must reach every reference)
# and the Redis Streams variant of pubsub.
combo() { # NAME NAMESPACE COMPONENT...
  local name="$1" ns="$2"; shift 2
  local dir="$work/overlay-$name" comps=""
  mkdir -p "$dir"
  sed -e "s/^  namespace: .*/  namespace: $ns/" -e "s/^  host: .*/  host: tasks.validate.test/" \
    "$kz/overlays/prod/infra.yaml" >"$dir/infra.yaml"
  for c in "$@"; do comps+="  - $(rel "$dir" "$c")"$'\n'; done
  printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: %s\nresources:\n  - %s\n  - infra.yaml\ncomponents:\n%s' \
    "$ns" "$(rel "$dir" "$kz/base")" "$comps" >"$dir/kustomization.yaml"
  build "$name" "$dir" || return
  local flags=(-namespace "$ns")
  [[ " $* " == *"/istio "* ]] && flags+=(-want-istio)
  [[ " $* " == *"/network-policies "* ]] && flags+=(-want-netpol)
  validate "$name" "$work/$name.yaml" "${flags[@]}"
  if grep -qE '(^|[^@])taskrocket\.example\.com|/ns/taskrocket/' "$work/$name.yaml" && [ "$ns" != taskrocket ]; then
    fail "$name: the default namespace or host survived the replacements"
  fi
}
ie="$kz/components/infra-endpoints" istio="$kz/components/istio" np="$kz/components/network-policies"
combo base-only taskrocket "$ie"
combo with-istio taskrocket "$ie" "$istio"
combo with-netpol taskrocket "$ie" "$np"
combo istio-netpol-other-ns tr-check "$ie" "$istio" "$np"
combo pubsub-redis-streams taskrocket "$ie" components/k8s/variants/pubsub-redis-streams
if [ -f "$work/pubsub-redis-streams.yaml" ]; then
  if grep -q 'type: pubsub.redis' "$work/pubsub-redis-streams.yaml"; then pass "variant: pubsub is pubsub.redis"; else fail "variant: pubsub was not swapped"; fi
fi

# --- Drift -------------------------------------------------------------------
section "Drift between the chart, Kustomize and components/k8s"
if "$kz/generate.sh" "$work/generated" >"$work/gen.log" 2>&1; then
  drift=0
  for f in $(cd "$work/generated" && find . -name '*.yaml' | sort); do
    if ! diff -u "$kz/$f" "$work/generated/$f" >"$work/diff.log" 2>&1; then
      drift=1; fail "deploy/kustomize/${f#./} differs from the chart (run deploy/kustomize/generate.sh)"; head -30 "$work/diff.log" >&2
    fi
  done
  [ "$drift" = 0 ] && pass "generated Kustomize files match the chart ($(cd "$work/generated" && find . -name '*.yaml' | wc -l) files)"
else
  fail "deploy/kustomize/generate.sh"; cat "$work/gen.log" >&2
fi
step "chart defaults == components/k8s (Dapr resources)" manifestcheck compare-dapr "$work/helm-default.yaml" "$work/kustomize-prod.yaml"
# The local run is the reference: same subscriptions, same callers per app.
for f in components/subscriptions/*.yaml; do printf -- '---\n'; cat "$f"; done >"$work/local-subscriptions.yaml"
step "components/k8s subscriptions == components/subscriptions (local run)" \
  manifestcheck compare-dapr -kind Subscription "$work/local-subscriptions.yaml" "$work/kustomize-prod.yaml"
step "chart access control == dapr/config/<app>.yaml (local run)" \
  manifestcheck compare-acl dapr/config "$work/helm-default.yaml"

# --- Negative controls -------------------------------------------------------
section "Negative controls (each broken render must be rejected)"
mutate() { sed "$1" "$work/helm-default.yaml" >"$work/broken.yaml"; }
mutate 's#cluster.local/ns/taskrocket/sa/gateway#cluster.local/ns/taskrocket/sa/gatewy#'
expect_fail "Istio principal naming no service account" manifestcheck check -want-istio "$work/broken.yaml"
mutate 's/readOnlyRootFilesystem: true/readOnlyRootFilesystem: false/'
expect_fail "writable root filesystem" manifestcheck check -want-istio "$work/broken.yaml"
mutate 's/^  topic: projects$/  topic: project/'
expect_fail "subscription to an unknown topic" manifestcheck check -want-istio "$work/broken.yaml"
mutate '/^kind: Subscription$/,/^---/s/^  - tasks$/  - audit/'
expect_fail "subscription of an app that consumes no events" manifestcheck check -want-istio "$work/broken.yaml"
mutate 's#^    default: /events/users/other$#    default: /events/users#'
expect_fail "subscription route unlike the local one" \
  manifestcheck compare-dapr -kind Subscription "$work/local-subscriptions.yaml" "$work/broken.yaml"
mutate '/^  name: taskrocket-users$/,/^  secrets:$/s/^      - appId: projects$/      - appId: search/'
expect_fail "Dapr caller unlike the local access control" manifestcheck compare-acl dapr/config "$work/broken.yaml"
mutate 's/      principals: \[/      principal: [/'
rm -rf "$work/kv-istio" && manifestcheck check -want-istio -kv-dir "$work/kv-istio" "$work/broken.yaml" >/dev/null 2>&1
expect_fail "Istio CRD schema rejects a misspelt field" kubectl-validate "$work/kv-istio" --local-crds "$crds" --version "$K8S_VERSION"
mutate 's/^  action: ALLOW$/  action: PERMIT/'
rm -rf "$work/kv-istio" && manifestcheck check -want-istio -kv-dir "$work/kv-istio" "$work/broken.yaml" >/dev/null 2>&1
expect_fail "Istio CRD schema rejects an unknown action" kubectl-validate "$work/kv-istio" --local-crds "$crds" --version "$K8S_VERSION"
mutate 's/dapr.io\/app-port: "8103"/dapr.io\/app-port: "8003"/'
expect_fail "Dapr app-port not the container port" manifestcheck check -want-istio "$work/broken.yaml"
mutate 's/name: saslMechanism/name: saslMechanizm/'
expect_fail "component metadata unknown to components-contrib" manifestcheck check -want-istio -contrib "$contrib" "$work/broken.yaml"
mutate 's/dapr.io\/log-as-json:/dapr.io\/log-as-jsn:/'
expect_fail "annotation unknown to the Dapr injector" manifestcheck check -want-istio -dapr-annotations "$annotations" "$work/broken.yaml"
mutate 's/name: users-dapr-api-token, key: token/name: users-dapr-app-token, key: token/'
expect_fail "app token env not from the annotated Secret" manifestcheck check -want-istio "$work/broken.yaml"
rm -rf "$work/kv-broken" && manifestcheck check -want-istio -kv-dir "$work/kv-broken" "$work/helm-default.yaml" >/dev/null 2>&1
sed -i 's/^  pubsubname:/  pubsubnam:/' "$work"/kv-broken/*subscription*.yaml
expect_fail "Dapr CRD schema rejects an unknown field" kubectl-validate "$work/kv-broken" --local-crds "$crds" --version "$K8S_VERSION"

if [ -f "$work/dev-infra.yaml" ]; then
  sed 's/publishNotReadyAddresses: true/publishNotReadyAddresses: false/' "$work/dev-infra.yaml" >"$work/broken.yaml"
  expect_fail "MongoDB's headless Service without not-ready addresses" manifestcheck check -want-dapr=false "$work/broken.yaml"
  sed "s/host: '\$POD_NAME.mongodb-headless.\$POD_NAMESPACE.svc.cluster.local:27017'/host: 'mongodb:27017'/" "$work/dev-infra.yaml" >"$work/broken.yaml"
  expect_fail "MongoDB replica set initiated with its ClusterIP Service" manifestcheck check -want-dapr=false "$work/broken.yaml"
fi

# --- Tilt ----------------------------------------------------------------------
section "Tiltfile (evaluated by tilt/check)"
step "Tiltfile, default settings" tiltcheck -dir "$root"
printf 'services: [gateway, users, auth]\ninfra: [postgres, redis, mailpit]\ninstall_dapr: true\ngoarch: arm64\nui: false\n' >"$work/tilt-settings.yaml"
step "Tiltfile, tilt-settings.yaml with 3 services, 3 servers and the Dapr install" tiltcheck -dir "$root" -settings "$work/tilt-settings.yaml"
printf 'services: [gateway, nosuchapp]\n' >"$work/bad-settings.yaml"
expect_fail "Tiltfile refuses an unknown service in settings" tiltcheck -dir "$root" -settings "$work/bad-settings.yaml"

# --- Images and scripts ---------------------------------------------------------
section "Dockerfile build step (run natively) and scripts"
if CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/taskrocket/taskrocket/services/platform/buildinfo.Version=validate-build" \
    -o "$work/gateway" ./services/gateway >"$work/build-go.log" 2>&1; then
  if go version -m "$work/gateway" | grep -q 'CGO_ENABLED=0' && ! (readelf -l "$work/gateway" 2>/dev/null | grep -q INTERP); then
    pass "gateway builds as in the Dockerfile: static, CGO off"
  else
    fail "gateway binary is not static"
  fi
  if "$work/gateway" version 2>/dev/null | grep -q 'validate-build'; then pass "version injected by -ldflags"; else fail "version not injected"; fi
else
  fail "go build as in deploy/docker/Dockerfile"; tail -20 "$work/build-go.log" >&2
fi
df=deploy/docker/Dockerfile
for want in '^ARG APP$' '^FROM gcr.io/distroless/static-debian12:nonroot$' '^USER 65532:65532$' \
  '^ENTRYPOINT \["/app/entrypoint"\]$' 'CGO_ENABLED=0' 'buildinfo.Version=\$VERSION'; do
  if grep -qE "$want" "$df"; then pass "Dockerfile has $want"; else fail "Dockerfile lacks $want"; fi
done
step "sh -n tilt/image/start.sh restart.sh" sh -c 'sh -n tilt/image/start.sh && sh -n tilt/image/restart.sh'
step "bash -n deploy/validate.sh deploy/kustomize/generate.sh" bash -c 'bash -n deploy/validate.sh && bash -n deploy/kustomize/generate.sh'

# --- Summary -------------------------------------------------------------------
section "Summary"
echo "validate: $((checks - ${#failures[@]})) passed, ${#failures[@]} failed"
echo "  in $((SECONDS - start))s"
echo "  Not covered here (no cluster): admission by a real API server, the Dapr"
echo "  sidecar injector, Istio's own (semantic) validation, image builds. See deploy/README.md."
if [ "${#failures[@]}" -gt 0 ]; then
  printf '  failed: %s\n' "${failures[@]}" >&2
  exit 1
fi
