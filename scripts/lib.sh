# Shared by scripts/demo, scripts/test, scripts/sandbox and .ci/run: find the repository, and
# install what is missing on a fresh machine of this kind (Debian 12, Node 20, no pnpm yet).
# Sourced, not run.

SM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SM_PNPM_VERSION=$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$SM_ROOT/package.json")
export npm_config_nodedir=/usr          # node-gyp cannot download headers here (docs/field-notes.md)
unset NODE_EXTRA_CA_CERTS               # adds ~37 ms to every node start (docs/field-notes.md)

sm_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# apt packages the sandbox and the tests use (util-linux: unshare/nsenter; procps: ps;
# systemd: systemd-notify for Type=notify tests and systemd as a benchmark peer; python3 for
# fixture daemons; python3-grpcio, python3-protobuf and protobuf-compiler for the Python path
# worker of examples/worker-path-python).
sm_ensure_apt() {
  local missing=()
  command -v unshare >/dev/null || missing+=(util-linux)
  command -v nsenter >/dev/null || missing+=(util-linux)
  command -v ps >/dev/null || missing+=(procps)
  command -v g++ >/dev/null || missing+=(g++)
  command -v make >/dev/null || missing+=(make)
  command -v python3 >/dev/null || missing+=(python3)
  command -v socat >/dev/null || missing+=(socat)     # e2e socket-units: a TCP client
  command -v systemd-notify >/dev/null || missing+=(systemd)
  /usr/bin/python3 -c 'import grpc' 2>/dev/null || missing+=(python3-grpcio)
  /usr/bin/python3 -c 'import google.protobuf' 2>/dev/null || missing+=(python3-protobuf)
  command -v protoc >/dev/null || missing+=(protobuf-compiler)
  if [ ${#missing[@]} -gt 0 ]; then
    sm_log "installing ${missing[*]} (apt)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# pnpm at the version package.json pins. corepack's signature check fails here
# (docs/field-notes.md "Builds"), so npm installs it.
sm_ensure_pnpm() {
  if ! command -v pnpm >/dev/null || [ "$(pnpm --version 2>/dev/null)" != "$SM_PNPM_VERSION" ]; then
    sm_log "installing pnpm@$SM_PNPM_VERSION"
    npm install -g --no-fund --no-audit "pnpm@$SM_PNPM_VERSION" >/dev/null 2>&1
  fi
}

# Dependencies (with the native addon) and the TypeScript build, skipped when up to date.
sm_ensure_build() {
  sm_ensure_apt
  sm_ensure_pnpm
  cd "$SM_ROOT" || return 1
  if [ ! -d node_modules ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ] \
     || [ ! -f packages/sys/build/Release/sys.node ]; then
    sm_log "pnpm install"
    CI=true pnpm install --frozen-lockfile --reporter=append-only >/dev/null || return 1
  fi
  sm_log "build"
  pnpm run -s build || return 1
  chmod +x packages/*/dist/main.js 2>/dev/null || true
}
