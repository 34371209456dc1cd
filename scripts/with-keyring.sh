#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so keytar's
# real OS-keychain path is exercised headless (CI). Falls through to the plain command without them.
set -euo pipefail
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  tmp=$(mktemp -d)
  mkdir -p "$tmp/data" "$tmp/rt"
  chmod 700 "$tmp/rt"
  export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/rt"
  exec dbus-run-session -- sh -c \
    'printf test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && SERVICEPRO_TEST_KEYRING=1 exec "$@"' \
    sh "$@"
fi
exec "$@"
