#!/usr/bin/env bash
# Install the Debian packages Fugong needs on this machine when they are missing: a JDK and Maven
# (the Kafka broker is assembled from Maven Central jars), PostgreSQL, curl, make, and Prometheus
# (its promtool checks the alerting rules in the tests), Chromium (the console's browser tests
# drive it headless) and Noto CJK fonts (Chinese on the console's screenshots and the posters).
# As root it installs them with apt-get; otherwise it names them and exits 1.
set -euo pipefail

missing=()
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v curl >/dev/null || missing+=(curl)
command -v make >/dev/null || missing+=(make)
command -v promtool >/dev/null || missing+=(prometheus)
command -v chromium >/dev/null || missing+=(chromium)
command -v openssl >/dev/null || missing+=(openssl)
[[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]] || missing+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3 python3-venv)

if ((${#missing[@]} == 0)); then
  exit 0
fi
if ((EUID != 0)); then
  echo "system-packages: missing ${missing[*]}; install them (e.g. sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "system-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Debian would create and start its own cluster on port 5432, where ours listens: ask it not to.
mkdir -p /etc/postgresql-common
grep -qs '^create_main_cluster *= *false' /etc/postgresql-common/createcluster.conf ||
  echo 'create_main_cluster = false' >>/etc/postgresql-common/createcluster.conf
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
