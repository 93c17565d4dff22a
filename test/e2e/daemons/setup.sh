#!/usr/bin/env bash
# test/e2e/daemons/setup.sh — installs the real daemons the service-daemons scenario runs under
# sysmaster-ts (nginx, redis-server, openssh-server, cron, rsyslog) and the clients it probes them
# with (redis-tools, curl), from Debian's packages, WITHOUT starting them on the host. They are
# in scripts/lib.sh's sm_apt_packages with every other package the tests need, and scripts/lib.sh's
# sm_ensure_apt does the install (a temporary policy-rc.d keeps every daemon from starting);
# scripts/test does it before any test runs, this is for running the scenario by hand.
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "setup.sh: needs root (apt-get)" >&2; exit 1; }
. "$(dirname "$0")/../../../scripts/lib.sh"
sm_ensure_apt test
echo "setup.sh: done"
