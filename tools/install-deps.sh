#!/bin/sh
# Installs the Debian 12 packages subsidy needs to build, test and benchmark, if any is
# missing. Safe to run again: it does nothing when everything is there. Needs root (or sudo).
set -eu

packages="build-essential g++ clang cmake ninja-build git libboost-dev libgtest-dev libgmock-dev libbenchmark-dev libyaml-cpp-dev libyaml-dev nlohmann-json3-dev libcli11-dev libclang-rt-14-dev python3"

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    echo "install-deps: installing$missing" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi
