#!/usr/bin/env bash
# Fetch the console's chart library (Apache ECharts, pinned) from the npm registry into the
# git-ignored services/gateway/console/static/vendor/, checking the tarball against the integrity
# the registry published for that version. Nothing is fetched at run time: pages load it from
# the gateway. Does nothing when the pinned version is already there.
set -euo pipefail

VERSION=6.1.0
INTEGRITY=sha512-q0yaFPggC9FUdsWH4blavRWFmxdrIodbkoKNAjJudAI6CA9gNPxHtV2RcZNEepZVlk4yvBYkOkbk6HIVpIyHZA==
URL="https://registry.npmjs.org/echarts/-/echarts-${VERSION}.tgz"

root="$(cd "$(dirname "$0")/../.." && pwd)"
vendor="$root/services/gateway/console/static/vendor"
if [[ -f "$vendor/echarts.min.js" && "$(cat "$vendor/ECHARTS_VERSION" 2>/dev/null)" == "$VERSION" ]]; then
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
curl -fsSL --retry 3 -o "$work/echarts.tgz" "$URL"
actual="sha512-$(openssl dgst -sha512 -binary "$work/echarts.tgz" | base64 -w0)"
if [[ "$actual" != "$INTEGRITY" ]]; then
  echo "console-assets: echarts-${VERSION}.tgz does not match its published integrity" >&2
  exit 1
fi
tar -xzf "$work/echarts.tgz" -C "$work" package/dist/echarts.min.js package/LICENSE package/NOTICE
mkdir -p "$vendor"
cp "$work/package/dist/echarts.min.js" "$vendor/echarts.min.js"
cp "$work/package/LICENSE" "$vendor/ECHARTS_LICENSE"
cp "$work/package/NOTICE" "$vendor/ECHARTS_NOTICE"
echo "$VERSION" >"$vendor/ECHARTS_VERSION"
echo "console-assets: Apache ECharts $VERSION in $vendor"
