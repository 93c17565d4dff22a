#!/bin/sh
# Runs inside the VM as a oneshot service once multi-user.target is up: shows that init is the
# kernel's PID 1 with the API filesystems mounted, that the core and workers run, that a real
# daemon answers, then powers the machine off through sctl. Output goes to the serial console,
# where test/vm/run.sh reads the markers.
exec >/dev/console 2>&1
say() { echo "VM-CHECK: $*"; }
fail() { echo "VM-FAIL: $*"; sctl poweroff; exit 1; }

[ "$(cat /proc/1/comm)" = init ] || fail "PID 1 is $(cat /proc/1/comm), not init"
say "pid 1 is init"
for fs in proc sysfs devtmpfs tmpfs cgroup2 devpts; do
  grep -q " - $fs " /proc/self/mountinfo || fail "no $fs mount"
done
say "api filesystems: $(awk '{print $5}' /proc/self/mountinfo | tr '\n' ' ')"
for comm in sysmaster sm-service sm-target; do
  pidof "$comm" >/dev/null 2>&1 || ps -o comm | grep -qx "$comm" || fail "$comm is not running"
done
say "processes: $(ps -o pid,comm | tr '\n' ';')"
i=0
until sctl is-active multi-user.target >/dev/null; do
  i=$((i + 1)); [ $i -lt 300 ] || fail "multi-user.target is not active after 60 s"; sleep 0.2
done
say "multi-user.target is active"
sctl list-units
sctl status web.service
page=$(wget -q -O - http://127.0.0.1:8080/) || fail "web.service does not answer"
[ "$page" = "hello from sysmaster-ts" ] || fail "web.service answered '$page'"
say "web.service answers: $page"
say "cgroup of web.service: $(cat /sys/fs/cgroup/system.slice/web.service/cgroup.procs 2>/dev/null | tr '\n' ' ')"
echo "VM-OK"
sctl poweroff
