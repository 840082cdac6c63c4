#!/usr/bin/env bash
# Builds the databricks-mcp container image without a Docker daemon, from Debian packages only (no
# registry but deb.debian.org and Maven Central is needed), and writes it as a tarball that
# `docker load -i` and `podman load -i` read:
#
#   target/image/databricks-mcp-VERSION.tar      (and databricks-mcp:VERSION in buildah's storage)
#
# It makes what the Dockerfile makes: debootstrap --variant=minbase bookworm (what debian:bookworm-slim
# is), the Dockerfile's RUN lines run in it, a jlink JRE of deploy/image/jre-modules from the local
# JDK 17 at /opt/java, the server jar at /app; and it takes the image configuration (ENV, USER,
# WORKDIR, EXPOSE, HEALTHCHECK, ENTRYPOINT, CMD) from the Dockerfile's last stage, so the two cannot
# drift apart. Two layers: Debian + JRE, then the jar, so a new release only ships the jar again.
#
# Needs root, a JDK 17 (jlink), and: apt-get install -y debootstrap buildah
# The Debian tree is kept in target/image/ and reused (IMAGE_FRESH=1 makes it again). Environment:
# DEBIAN_MIRROR (default http://deb.debian.org/debian), STORAGE_DRIVER (buildah's storage driver,
# default its own, overlay; vfs where overlay mounts are not allowed).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/target/image"
dockerfile="$root/Dockerfile"
jar="$root/server/target/databricks-mcp.jar"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
buildah() { command buildah ${STORAGE_DRIVER:+--storage-driver "$STORAGE_DRIVER"} "$@"; }

say() { echo "build.sh: $*" >&2; }
die() {
  say "$*"
  exit 1
}

[ "$(id -u)" = 0 ] || die "run as root (debootstrap and chroot need it)"
for tool in debootstrap buildah jlink java chroot; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y debootstrap buildah; a JDK 17)"
done
[[ "$(jlink --version)" == 17* ]] || die "jlink is $(jlink --version): the image's JRE is Java 17, as the Dockerfile's; put a JDK 17 first on PATH"

# The Dockerfile's last stage, one instruction per line (continuations joined).
runtime_stage() {
  awk '/^[[:space:]]*#/ { next }
       { line = line $0 }
       /\\$/ { sub(/\\$/, "", line); next }
       { print line; line = "" }' "$dockerfile" |
    awk '/^FROM / { stage = "" } { stage = stage $0 "\n" } END { printf "%s", stage }' |
    sed -e 's/[[:space:]]\{2,\}/ /g' -e '/^[[:space:]]*$/d'
}
instructions() { runtime_stage | sed -n "s/^$1 //p"; }

# A build stage's COPY lines are the two things this script makes itself; anything else is new.
expected_copies=$'--from=build /jre /opt/java\n--from=build /src/server/target/databricks-mcp.jar /app/databricks-mcp.jar'
[ "$(instructions COPY)" = "$expected_copies" ] ||
  die "the Dockerfile's last stage copies something this script does not make: update both"

start=$SECONDS

if [ ! -f "$jar" ]; then
  say "building the jar"
  (cd "$root" && ./mvnw -B -q -pl server -am package -DskipTests -DskipPitest) >&2
fi
version="$(java -jar "$jar" --version | awk '{ print $2 }')"
[ -n "$version" ] || die "cannot read the version of $jar"
image="databricks-mcp:$version"

# Nothing may stay mounted under a tree about to be deleted (debootstrap mounts /proc in it).
unmount_under() {
  local dir="$1" target
  [ -d "$dir" ] || return 0
  for target in $(awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r); do
    umount -l "$target" || true
  done
}

mkdir -p "$out"
base="$out/bookworm-minbase"
if [ -n "${IMAGE_FRESH:-}" ] || [ ! -f "$base/.complete" ]; then
  say "debootstrap --variant=minbase bookworm from $mirror"
  unmount_under "$base"
  rm -rf "$base"
  trap 'unmount_under "$base"' EXIT
  debootstrap --variant=minbase bookworm "$base" "$mirror" >"$out/debootstrap.log" 2>&1 ||
    die "debootstrap failed, see $out/debootstrap.log"
  unmount_under "$base"
  trap - EXIT
  # as debian:bookworm-slim: no package lists, caches, manuals, translations or docs but copyrights
  rm -rf "$base"/var/lib/apt/lists/* "$base"/var/cache/apt/*.bin "$base"/var/cache/apt/archives/*.deb \
    "$base"/var/log/* "$base"/usr/share/man/* "$base"/usr/share/info/* "$base"/usr/share/locale/* \
    "$base"/usr/share/lintian "$base"/usr/share/linda
  find "$base/usr/share/doc" -mindepth 1 -not -type d -not -name copyright -delete
  find "$base/usr/share/doc" -mindepth 1 -type d -empty -delete
  touch "$base/.complete"
fi

rootfs="$out/rootfs"
unmount_under "$rootfs"
rm -rf "$rootfs"
say "root filesystem: Debian, the Dockerfile's RUN lines, a JRE"
cp -a "$base" "$rootfs"
rm -f "$rootfs/.complete"
while IFS= read -r run; do
  chroot "$rootfs" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin /bin/sh -ec "$run"
done < <(instructions RUN)
jlink --add-modules "$(cat "$root/deploy/image/jre-modules")" --strip-debug --no-man-pages \
  --no-header-files --compress=2 --generate-cds-archive --output "$rootfs/opt/java" >&2

# Layer 1: Debian and the JRE.
buildah rm databricks-mcp-build >/dev/null 2>&1 || true
ctr="$(buildah from --name databricks-mcp-build scratch)"
mnt="$(buildah mount "$ctr")"
cp -a "$rootfs/." "$mnt/"
buildah unmount "$ctr" >/dev/null
buildah commit --quiet --format docker --rm "$ctr" databricks-mcp-base:"$version" >/dev/null

# Layer 2: the jar, and the configuration read from the Dockerfile.
ctr="$(buildah from --name databricks-mcp-build databricks-mcp-base:"$version")"
mnt="$(buildah mount "$ctr")"
install -D -m 0644 "$jar" "$mnt/app/databricks-mcp.jar"
buildah unmount "$ctr" >/dev/null

config=(--label "org.opencontainers.image.title=databricks-mcp"
  --label "org.opencontainers.image.version=$version")
while IFS= read -r env; do config+=(--env "$env"); done < <(instructions ENV)
config+=(--user "$(instructions USER)" --workingdir "$(instructions WORKDIR)")
for port in $(instructions EXPOSE); do
  [[ "$port" == */* ]] || port="$port/tcp" # as Docker records it
  config+=(--port "$port")
done
config+=(--entrypoint "$(instructions ENTRYPOINT)" --cmd "$(instructions CMD)")
# HEALTHCHECK --interval=30s ... CMD ["java", ...]: buildah takes the options apart and the command as
# "CMD word word…"
health="$(instructions HEALTHCHECK)"
for option in interval timeout start-period retries; do
  value="$(sed -n "s/.*--$option=\([^ ]*\).*/\1/p" <<<"$health")"
  [ -z "$value" ] || config+=("--healthcheck-$option" "$value")
done
command_json="${health#*CMD }"
config+=(--healthcheck "CMD $(jq -r 'join(" ")' <<<"$command_json")")
buildah config "${config[@]}" "$ctr" 2> >(grep -v 'HEALTHCHECK is not supported for OCI' >&2)
buildah commit --quiet --format docker --rm "$ctr" "$image" >/dev/null

tarball="$out/databricks-mcp-$version.tar"
rm -f "$tarball"
buildah push --quiet "$image" "docker-archive:$tarball:$image" >&2
say "image $image in $((SECONDS - start)) s"
say "$tarball: $(du -m "$tarball" | cut -f1) MB ($(gzip -1 -c "$tarball" | wc -c | awk '{ printf "%d", $1 / 1048576 }') MB gzipped, as a registry stores it)"
echo "$tarball"
