#!/usr/bin/env bash
# test/e2e/daemons/setup.sh — installs the real daemons the service-daemons scenario runs under
# sysmaster-ts (nginx, redis-server, openssh-server, cron, rsyslog) and the clients it probes them
# with (redis-tools, curl), from Debian's packages, WITHOUT starting them on the host: a temporary
# /usr/sbin/policy-rc.d answering 101 ("action forbidden") makes invoke-rc.d and
# deb-systemd-invoke skip every start during the install; it is removed afterwards, and a
# policy-rc.d that was there before is put back. Packages already installed are skipped.
# Also makes sure systemd-notify (package systemd) is present for the notify scenarios.
set -euo pipefail
[ "$(id -u)" = 0 ] || { echo "setup.sh: needs root (apt-get)" >&2; exit 1; }

wanted=(nginx redis-server redis-tools openssh-server cron rsyslog curl systemd python3)
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup.sh: everything is installed already (${wanted[*]})"
  exit 0
fi

policy=/usr/sbin/policy-rc.d
saved=""
if [ -e "$policy" ]; then saved=$(mktemp); cp -p "$policy" "$saved"; fi
restore() {
  if [ -n "$saved" ]; then mv -f "$saved" "$policy"; else rm -f "$policy"; fi
}
trap restore EXIT
printf '#!/bin/sh\n# temporary, from sysmaster-ts test/e2e/daemons/setup.sh: start nothing on the host\nexit 101\n' > "$policy"
chmod 0755 "$policy"

echo "setup.sh: installing ${missing[*]} (nothing is started on the host)"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup.sh: done"
