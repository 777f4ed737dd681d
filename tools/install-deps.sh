#!/bin/sh
# Installs the system packages convbook needs, only those missing.
# Debian/Ubuntu: apt-get (through sudo when not root). macOS: nothing, Xcode's
# toolchain has Accelerate, libedit's readline, zlib and ImageIO.
# dataset-fashion-mnist (the full data set) is optional: skipped where apt has no such
# package; convbook then uses --data DIR, CONVBOOK_DATA, the cache or 'data download'.
set -eu

if ! command -v "${SWIFT:-swift}" >/dev/null 2>&1; then
    echo "install-deps: no Swift toolchain found; install Swift 6 from https://www.swift.org/install/ first" >&2
    exit 1
fi

case "$(uname -s)" in
Darwin)
    exit 0 ;;
Linux)
    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "install-deps: not a Debian/Ubuntu system; install oneDNN (libdnnl), readline, zlib, libpng, OpenSSL (libcrypto) development files and pkg-config yourself" >&2
        exit 0
    fi ;;
esac

required="pkg-config libdnnl-dev libreadline-dev zlib1g-dev libpng-dev libssl-dev ${EXTRA_PACKAGES:-}"
optional="dataset-fashion-mnist"

missing_from() {
    for package in $1; do
        status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
        case "$status" in
        *"install ok installed"*) ;;
        *) printf ' %s' "$package" ;;
        esac
    done
}

missing=$(missing_from "$required")
missing_optional=$(missing_from "$optional")
[ -z "$missing$missing_optional" ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "install-deps: need root or sudo to install:$missing$missing_optional" >&2
        exit 1
    fi
    sudo="sudo"
fi
$sudo apt-get update -qq
for package in $missing_optional; do
    if apt-cache show "$package" >/dev/null 2>&1; then
        missing="$missing $package"
    else
        echo "install-deps: $package is not in your apt sources; skipped (see 'help data')"
    fi
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
