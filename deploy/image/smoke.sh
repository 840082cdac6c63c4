#!/usr/bin/env bash
# Starts the image deploy/image/build.sh made, as configured (its user, entrypoint and environment),
# against the sandbox workspace inside it, and checks over HTTP that it serves: /healthz, the image's
# HEALTHCHECK command, 401 without a token, initialize, tools/list and two tool calls (the second
# runs SQL on DuckDB, whose native library must load in the image). Also that it refuses to listen
# beyond loopback without authentication. Prints what it saw; exits non-zero on the first failure.
#
# It runs the image's root filesystem with the image's entrypoint, user, working directory and
# environment, in a chroot with mount and PID namespaces of its own, sharing this machine's network:
# no container engine is needed (on the machines this was written on, podman 4.3's crun may not set
# RLIMIT_NOFILE, so podman cannot start containers). Needs root, buildah, curl, jq.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# STORAGE_DRIVER (e.g. vfs), as for build.sh
buildah() { command buildah ${STORAGE_DRIVER:+--storage-driver "$STORAGE_DRIVER"} "$@"; }
version="$(java -jar "$root/server/target/databricks-mcp.jar" --version | awk '{ print $2 }')"
image="databricks-mcp:$version"
token="smoke-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18080)"
base="http://127.0.0.1:$port"
work="$(mktemp -d)"

say() { echo "smoke: $*"; }
fail() {
  say "FAILED: $*"
  [ -f "$work/server.log" ] && tail -n 30 "$work/server.log" | sed 's/^/  server: /'
  exit 1
}

buildah inspect --type image "$image" >/dev/null 2>&1 || fail "no image $image: run deploy/image/build.sh"
config="$(buildah inspect --type image "$image" | jq .Docker.config)"
say "image $image: user $(jq -r .User <<<"$config"), entrypoint $(jq -c .Entrypoint <<<"$config"), exposes $(jq -r '.ExposedPorts | keys | join(",")' <<<"$config")"
say "image size: $(buildah images --format '{{.Size}}' "$image")"

pid=""
ctr=""
mnt=""
cleanup() {
  if [ -n "$pid" ]; then
    # the server is the PID namespace's first process: when it ends, the namespace does
    kill $(descendants "$pid" | tac) "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  if [ -n "$ctr" ]; then
    buildah unmount "$ctr" >/dev/null 2>&1 || true
    buildah rm "$ctr" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
descendants() {
  local p
  for p in $(pgrep -P "$1"); do
    echo "$p"
    descendants "$p"
  done
}

# The image's environment with the run's own on top, as `-e` would give it.
run_env=(DATABRICKS_MCP_SANDBOX=true "DATABRICKS_MCP_AUTH_TOKENS=smoke=$token" "PORT=$port")

# Runs the image's entrypoint (or the command given) in the image's root filesystem, as its user,
# with its environment plus the arguments' NAME=value pairs.
chroot_run() {
  local -a env=() cmd=()
  mapfile -t env < <(jq -r '.Env[]' <<<"$config")
  while [ $# -gt 0 ] && [[ "$1" == *=* ]]; do
    env+=("$1")
    shift
  done
  if [ $# -gt 0 ]; then
    cmd=("$@")
  else
    mapfile -t cmd < <(jq -r '(.Entrypoint // []) + (.Cmd // []) | .[]' <<<"$config")
  fi
  local user workdir
  user="$(jq -r .User <<<"$config")"
  workdir="$(jq -r '.WorkingDir // "/"' <<<"$config")"
  unshare --mount --pid --fork --propagation private -- /bin/sh -ec '
    r="$1"; user="$2"; dir="$3"; shift 3
    mount --rbind /dev "$r/dev"
    mount -t proc proc "$r/proc"
    mount -t tmpfs tmpfs "$r/tmp"
    exec chroot --userspec="$user" "$r" /bin/sh -c "cd \"\$0\" && exec /usr/bin/env -i \"\$@\"" "$dir" "$@"
  ' chroot-run "$mnt" "$user" "$workdir" "${env[@]}" "${cmd[@]}"
}

ctr="$(buildah from "$image")"
mnt="$(buildah mount "$ctr")"
chroot_run "${run_env[@]}" >"$work/server.log" 2>&1 &
pid=$!

# HTTP exchange; prints the status, then the headers and body to files.
post() {
  local auth="$1" body="$2"
  local -a headers=(-H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream')
  [ -z "$auth" ] || headers+=(-H "Authorization: Bearer $auth")
  [ -z "${session:-}" ] || headers+=(-H "Mcp-Session-Id: $session")
  curl -sS -o "$work/body" -D "$work/headers" -w '%{http_code}' "${headers[@]}" --data "$body" "$base/mcp"
}
# The JSON-RPC message of the last answer, whether sent as JSON or as one server-sent event.
answer() { sed -n 's/^data: *//p' "$work/body" | grep . || cat "$work/body"; }

started=$SECONDS
until curl -sf "$base/healthz" >/dev/null 2>&1; do
  [ $((SECONDS - started)) -lt 180 ] || fail "no /healthz answer within 180 s"
  if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then fail "the server stopped"; fi
  sleep 1
done
say "GET /healthz on PORT=$port after $((SECONDS - started)) s: $(curl -s "$base/healthz")"

mapfile -t health < <(jq -r '.Healthcheck.Test[1:][]' <<<"$config")
chroot_run "PORT=$port" "${health[@]}" || fail "the HEALTHCHECK command failed"
say "HEALTHCHECK command ($(jq -c '.Healthcheck.Test' <<<"$config")): healthy"
for p in $(descendants "$pid"); do
  [ "$(cat "/proc/$p/comm" 2>/dev/null)" != java ] || server_pid="$p"
done
uid="$(awk '/^Uid:/ { print $2 }' "/proc/${server_pid:?no server process}/status")"
say "the server process runs as uid $uid"
[ "$uid" != 0 ] || fail "the server runs as root"

init='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"smoke","version":"1"}}}'
status="$(post "" "$init")"
[ "$status" = 401 ] || fail "initialize without a token answered $status, not 401"
say "initialize without a token: 401"

status="$(post "$token" "$init")"
[ "$status" = 200 ] || fail "initialize answered $status"
session="$(awk 'tolower($1) == "mcp-session-id:" { print $2 }' "$work/headers" | tr -d '\r')"
say "initialize: 200, $(answer | jq -c '{server: .result.serverInfo, protocol: .result.protocolVersion}'), session ${session:+present}"
post "$token" '{"jsonrpc":"2.0","method":"notifications/initialized"}' >/dev/null

status="$(post "$token" '{"jsonrpc":"2.0","id":2,"method":"tools/list"}')"
[ "$status" = 200 ] || fail "tools/list answered $status"
tools="$(answer | jq '.result.tools | length')"
[ "$tools" -gt 0 ] || fail "tools/list listed no tools"
say "tools/list: $tools tools ($(answer | jq -r '[.result.tools[].name][:4] | join(", ")'), …)"

call() {
  post "$token" "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"$1\",\"arguments\":$2}}" >/dev/null
  answer | jq -c '.result.structuredContent'
}
info="$(call get_workspace_info '{}')"
[ "$(jq .success <<<"$info")" = true ] || fail "get_workspace_info: $info"
say "tools/call get_workspace_info: $(jq -c '.data | {sandbox, host}' <<<"$info")"
sql="$(call execute_sql_read_only '{"statement":"SELECT 40 + 2 AS answer"}')"
[ "$(jq .success <<<"$sql")" = true ] || fail "execute_sql_read_only: $sql"
say "tools/call execute_sql_read_only SELECT 40 + 2: $(jq -c '.data.rows // .data.result // .data' <<<"$sql" | head -c 160)"

# The image listens beyond loopback (HOST=0.0.0.0): without authentication it must not start.
refusal="$(chroot_run DATABRICKS_MCP_AUTH=none "PORT=$port" 2>&1 || true)"
no_tokens="$(chroot_run "PORT=$port" 2>&1 || true)"
grep -q "refusing to listen on 0.0.0.0 without authentication" <<<"$refusal" ||
  fail "DATABRICKS_MCP_AUTH=none started: $refusal"
say "DATABRICKS_MCP_AUTH=none: refused ($(head -c 90 <<<"$refusal")…)"
grep -q "needs at least one token" <<<"$no_tokens" || fail "started without tokens: $no_tokens"
say "no DATABRICKS_MCP_AUTH_TOKENS: refused ($no_tokens)"
say "OK"
