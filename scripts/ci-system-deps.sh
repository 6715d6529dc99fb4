#!/usr/bin/env bash
# Debian packages some tests use: tmux (drives the interactive setup wizard in a real terminal) and
# gnome-keyring + dbus (a real Secret Service for the keychain test). Best effort: tests skip with a message
# when a tool is missing, so a machine without apt (or without root) still runs the suite.
set -u
need=()
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v dbus-daemon >/dev/null 2>&1 || need+=(dbus)
command -v dbus-run-session >/dev/null 2>&1 || need+=(dbus-daemon)
command -v gnome-keyring-daemon >/dev/null 2>&1 || need+=(gnome-keyring)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ci-system-deps: apt-get not available; tests needing ${need[*]} will skip" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "ci-system-deps: not root; tests needing ${need[*]} will skip" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
  echo "ci-system-deps: could not install ${need[*]}; tests needing them will skip" >&2
exit 0
