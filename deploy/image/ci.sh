#!/usr/bin/env bash
# What CI runs after the test suite: the container image built without a daemon (build.sh) and
# proven to serve (smoke.sh). A machine that cannot build images at all (not root, or no Debian
# package manager to install debootstrap, buildah, curl and jq) is said so and skipped; once the
# prerequisites are there, a failed build or smoke run fails CI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

skip() {
  echo "image: SKIPPED, $* (the image is not proven on this machine)" >&2
  exit 0
}

[ "$(id -u)" = 0 ] || skip "not root"
missing=()
for tool in debootstrap buildah curl jq; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || skip "no apt-get to install ${missing[*]}"
  echo "image: installing ${missing[*]}" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >&2 ||
    skip "apt-get could not install ${missing[*]}"
fi

start=$SECONDS
if ! "$here/build.sh"; then
  # buildah's default overlay storage needs overlay mounts, which some CI containers refuse; vfs does not
  echo "image: build failed with buildah's default storage; trying again with STORAGE_DRIVER=vfs" >&2
  export STORAGE_DRIVER=vfs
  "$here/build.sh"
fi
"$here/smoke.sh"
echo "image: built and proven in $((SECONDS - start)) s" >&2
