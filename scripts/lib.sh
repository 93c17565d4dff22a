# Shared by scripts/demo, scripts/test, scripts/sandbox and .ci/run: find the repository, and
# install what is missing on a fresh machine of this kind (Debian 12, Node 20, no pnpm yet).
# Sourced, not run.

SM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SM_PNPM_VERSION=$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$SM_ROOT/package.json")
export npm_config_nodedir=/usr          # node-gyp cannot download headers here (docs/field-notes.md)
# NODE_EXTRA_CA_CERTS adds ~37 ms to every node start (docs/field-notes.md), so it is unset; but it is
# also what lets node through this kind of machine's TLS proxy, so npm and pnpm get it back.
SM_NODE_EXTRA_CA_CERTS=${NODE_EXTRA_CA_CERTS-}
unset NODE_EXTRA_CA_CERTS
sm_net() { if [ -n "$SM_NODE_EXTRA_CA_CERTS" ]; then NODE_EXTRA_CA_CERTS=$SM_NODE_EXTRA_CA_CERTS "$@"; else "$@"; fi; }

sm_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# The Debian packages lib.sh installs when they are missing, on top of what a fresh machine of
# this kind has (scripts/fresh-machine-packages.txt): one per line, PACKAGE TIER WHO-NEEDS-IT.
# Tier "base" is installed by every script (sm_ensure_apt: demo, sandbox, test); tier "test"
# before any test runs (sm_ensure_apt test, called by scripts/test and test/vm/run.sh), so a test
# that runs one of these programs (busybox from busybox-static, sshd from openssh-server, …)
# finds it on a fresh machine. scripts/check-packages reads this list and fails when a test or
# script uses a command or Python module from a package that is in neither list.
sm_apt_packages() {
  cat <<'PACKAGES'
util-linux        base  scripts/sandbox: unshare, nsenter
procps            base  ps, pgrep in the e2e tests
g++               base  packages/sys: the native addon
make              base  packages/sys: the native addon (node-gyp)
python3           base  the fixture daemons and the demo's HTTP probe (/usr/bin/python3)
systemd           base  systemd-notify for Type=notify services, systemd as a benchmark peer
busybox-static    test  packages/worker-service/test/exec-real.test.ts, test/vm (static, with httpd)
cpio              test  test/vm: the initramfs
qemu-system-x86   test  test/vm: the kernel boot
nginx             test  test/e2e/service-daemons (forking + PIDFile)
redis-server      test  test/e2e/service-daemons (notify)
redis-tools       test  test/e2e/service-daemons: redis-cli PING
openssh-server    test  test/e2e/service-daemons: sshd (notify)
cron              test  test/e2e/service-daemons
rsyslog           test  test/e2e/service-daemons (notify, syslog.socket)
curl              test  test/e2e/service-daemons: the HTTP probe
s6                test  test/bench: s6-svscan as a peer
runit             test  test/bench: runsvdir as a peer
socat             test  test/e2e/socket-units: a TCP and unix-socket client
mmdebstrap        test  building Debian root file systems for VM images and the fresh-machine proof
python3-grpcio    test  the Python worker (grpc)
python3-protobuf  test  the Python worker (google.protobuf)
protobuf-compiler test  the Python worker: protoc generates its messages from protos/
systemd-tests     test  test/e2e/test-execute: systemd's own exec test units (unit files only, as test data)
PACKAGES
}

# The packages of sm_apt_packages that are not installed yet: those of tier "base", and with the
# argument "test" also those of tier "test".
sm_apt_missing() { # [test]
  local tier=${1:-base} wanted=() package level rest
  while read -r package level rest; do
    { [ "$level" = base ] || [ "$tier" = test ]; } && wanted+=("$package")
  done < <(sm_apt_packages)
  # dpkg-query prints "ii " for each installed package and fails (to stderr) for unknown ones.
  for package in "${wanted[@]}"; do
    [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null)" = "ii " ] || echo "$package"
  done
}

# Installs what sm_apt_missing lists, WITHOUT starting any daemon on the host: a temporary
# /usr/sbin/policy-rc.d answering 101 ("action forbidden") makes invoke-rc.d and
# deb-systemd-invoke skip every start (nginx, redis, sshd, cron, rsyslog, runit would otherwise
# start on the host); a policy-rc.d that was there before is put back.
sm_ensure_apt() { # [test]
  local missing
  mapfile -t missing < <(sm_apt_missing "${1:-base}")
  [ ${#missing[@]} -gt 0 ] || return 0
  sm_log "installing ${missing[*]} (apt; nothing is started on the host)"
  local policy=/usr/sbin/policy-rc.d saved="" rc=0
  if [ -e "$policy" ]; then saved=$(mktemp); cp -p "$policy" "$saved"; fi
  printf '#!/bin/sh\n# temporary, from sysmaster-ts scripts/lib.sh: start nothing on the host\nexit 101\n' > "$policy"
  chmod 0755 "$policy"
  (
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq &&
      apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  ) || rc=$?
  if [ -n "$saved" ]; then mv -f "$saved" "$policy"; else rm -f "$policy"; fi
  [ $rc = 0 ] || { echo "lib.sh: apt-get failed ($rc) installing ${missing[*]}" >&2; return $rc; }
  mapfile -t missing < <(sm_apt_missing "${1:-base}")
  [ ${#missing[@]} -eq 0 ] || { echo "lib.sh: still missing after apt-get: ${missing[*]}" >&2; return 1; }
}

# pnpm at the version package.json pins. corepack's signature check fails here
# (docs/field-notes.md "Builds"), so npm installs it.
sm_ensure_pnpm() {
  if ! command -v pnpm >/dev/null || [ "$(pnpm --version 2>/dev/null)" != "$SM_PNPM_VERSION" ]; then
    sm_log "installing pnpm@$SM_PNPM_VERSION"
    sm_net npm install -g --no-fund --no-audit "pnpm@$SM_PNPM_VERSION" >/dev/null \
      || { echo "lib.sh: npm could not install pnpm@$SM_PNPM_VERSION" >&2; return 1; }
  fi
}

# Dependencies (with the native addon) and the TypeScript build, skipped when up to date. With
# "test", also the apt packages the tests need.
sm_ensure_build() { # [test]
  sm_ensure_apt "${1:-base}" || return 1
  sm_ensure_pnpm || return 1
  cd "$SM_ROOT" || return 1
  if [ ! -d node_modules ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ] \
     || [ ! -f packages/sys/build/Release/sys.node ]; then
    sm_log "pnpm install"
    CI=true sm_net pnpm install --frozen-lockfile --reporter=append-only >/dev/null || return 1
  fi
  sm_log "build"
  pnpm run -s build || return 1
  chmod +x packages/*/dist/main.js 2>/dev/null || true
}
