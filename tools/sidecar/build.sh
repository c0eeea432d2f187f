#!/usr/bin/env bash
# Builds the Dapr 1.16.0 sidecar (daprd) and control plane (placement,
# scheduler, sentry) from the Go module proxy into $1 (default .bin/).
#
# daprd's upstream component package refuses to build without the
# "stablecomponents"/"allcomponents" tags, which compile every cloud SDK.
# We build from a private copy of the Dapr module with that guard file
# removed, so only the components registered in components.go are linked.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# daprd links the components registered here: a change to this folder's Go
# files or modules rebuilds it (the stamp records what it was built from;
# `build.sh --stamp` prints the current one, which the launcher compares).
stamp="$(find "$here" \( -name "*.go" ! -name "*_test.go" -o -name "go.mod" -o -name "go.sum" \) -print0 | LC_ALL=C sort -z | xargs -0 cat | sha256sum | cut -c1-16)"
if [[ "${1:-}" == "--stamp" ]]; then
  echo "$stamp"
  exit 0
fi

out="${1:-$here/../../.bin}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
version="1.16.0"
work="$out/.sidecar-build"
export GOWORK=off

binaries=(daprd placement scheduler sentry)
missing=()
# Only daprd answers --version; the control plane binaries record the
# version they were built at in <name>.stamp.
for b in "${binaries[@]}"; do
  want="$version"
  [[ "$b" == "daprd" ]] && want="$stamp"
  if [[ ! -x "$out/$b" ]] || [[ "$(cat "$out/$b.stamp" 2>/dev/null)" != "$want" ]]; then
    missing+=("$b")
  elif [[ "$b" == "daprd" ]] && [[ "$("$out/daprd" --version 2>/dev/null)" != "$version" ]]; then
    missing+=("$b")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "sidecar: daprd, placement, scheduler and sentry $version already built in $out"
  exit 0
fi

step() { printf '\033[1msidecar:\033[0m %s\n' "$*"; }

step "downloading Dapr $version modules (first time: about a minute)"
cd "$here"
go mod download
src="$(go list -m -f '{{.Dir}}' github.com/dapr/dapr)"

step "preparing a patched copy of github.com/dapr/dapr@v$version"
rm -rf "$work"
mkdir -p "$work"
cp -r "$src" "$work/dapr"
chmod -R u+w "$work/dapr"
printf 'package components\n' > "$work/dapr/cmd/daprd/components/zz_notag.go"
cp go.mod "$work/go.mod"
cp go.sum "$work/go.sum"
printf '\nreplace github.com/dapr/dapr => %s\n' "$work/dapr" >> "$work/go.mod"

ldflags="-s -w -X github.com/dapr/dapr/pkg/buildinfo.version=$version"
for b in "${missing[@]}"; do
  pkg="github.com/dapr/dapr/cmd/$b"
  [[ "$b" == "daprd" ]] && pkg="."
  step "building $b (the first build takes a few minutes on two cores)"
  start=$SECONDS
  go build -modfile "$work/go.mod" -trimpath -ldflags "$ldflags" -o "$out/$b" "$pkg"
  if [[ "$b" == "daprd" ]]; then echo "$stamp" > "$out/$b.stamp"; else echo "$version" > "$out/$b.stamp"; fi
  step "built $b in $((SECONDS - start))s"
done
rm -rf "$work"
"$out/daprd" --version
