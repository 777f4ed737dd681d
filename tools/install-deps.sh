#!/bin/sh
# Installs the system packages convbook needs, only those missing.
# Debian/Ubuntu: apt-get (through sudo when not root). macOS: nothing, Xcode's
# toolchain has Accelerate, libedit's readline, zlib and ImageIO.
set -eu

case "$(uname -s)" in
Darwin)
    exit 0 ;;
Linux)
    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "install-deps: not a Debian/Ubuntu system; install OpenBLAS, readline, zlib, libpng, OpenSSL (libcrypto) development files and pkg-config yourself" >&2
        exit 0
    fi ;;
esac

packages="pkg-config libopenblas-dev libreadline-dev zlib1g-dev libpng-dev libssl-dev dataset-fashion-mnist ${EXTRA_PACKAGES:-}"
missing=""
for package in $packages; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $package" ;;
    esac
done
[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
