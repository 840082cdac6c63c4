#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (the MCP Apps result view; see TESTING.md) when it is
# missing and this machine can install packages. Without it those tests skip and say so; nothing else
# depends on it.
set -uo pipefail
command -v chromium >/dev/null && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "chromium: not installed and cannot be here (not root or no apt-get): the browser tests will skip" >&2
  exit 0
fi
echo "chromium: installing Debian's chromium for the browser tests" >&2
{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2 ||
  echo "chromium: apt-get could not install it: the browser tests will skip" >&2
exit 0
