#!/usr/bin/env bash
# Install the Debian packages Fugong needs on this machine when they are missing: a JDK and Maven
# (the Kafka broker is assembled from Maven Central jars), PostgreSQL, curl and make.
# As root it installs them with apt-get; otherwise it names them and exits 1.
set -euo pipefail

missing=()
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v curl >/dev/null || missing+=(curl)
command -v make >/dev/null || missing+=(make)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v python3.11 >/dev/null || command -v python3 >/dev/null || missing+=(python3 python3-venv)

if ((${#missing[@]} == 0)); then
  exit 0
fi
if ((EUID != 0)); then
  echo "system-packages: missing ${missing[*]}; install them (e.g. sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "system-packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
