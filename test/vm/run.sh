#!/usr/bin/env bash
# test/vm/run.sh [--keep] [--timeout SEC] — boots a real Linux kernel with sysmaster-ts's init as
# PID 1 (the kernel's rdinit=), under qemu in software emulation (this machine's KVM cannot run
# stock kernels: docs/field-notes.md), and checks what only a real boot shows: init mounts the API
# filesystems itself (nothing is mounted when the kernel starts it), starts the core and the
# workers, reaches multi-user.target, runs a real daemon (busybox httpd) that answers, and powers
# the machine off through `sctl poweroff`, which ends in init's reboot(2).
#
# The kernel is Debian's stock image (downloaded with apt into a cache); the initramfs holds node
# and its libraries, busybox, and this repository's built packages with their runtime
# dependencies, laid out as an installation: /opt/sysmaster, units in /usr/lib/sysmaster/system,
# worker registrations in /usr/lib/sysmaster/workers. Pass/fail comes from the serial console:
# the check service prints VM-OK, and the kernel prints its power-down line; a panic (PID 1
# exited) or a timeout fails. Exit 0 on success.
set -euo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

timeout=240
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout) timeout=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "vm: unknown option '$1'" >&2; exit 2 ;;
  esac
done

sm_ensure_build test   # qemu, busybox-static, cpio (scripts/lib.sh sm_apt_packages)

cache=${SM_VM_CACHE:-/var/cache/sysmaster-vm}
mkdir -p "$cache"

# --- the kernel: Debian's current stock image ----------------------------------------------
kernel=$(ls "$cache"/kernel/boot/vmlinuz-* 2>/dev/null | head -n 1 || true)
if [ -z "$kernel" ]; then
  sm_log "downloading Debian's kernel image"
  [ -n "$(apt-cache policy linux-image-amd64 2>/dev/null | grep Candidate)" ] || apt-get update -qq
  pkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
  [ -n "$pkg" ] || { echo "vm: cannot resolve linux-image-amd64" >&2; exit 1; }
  (cd "$cache" && rm -f ./*.deb && apt-get download -qq "$pkg" && dpkg -x ./*.deb kernel && rm -f ./*.deb)
  kernel=$(ls "$cache"/kernel/boot/vmlinuz-* | head -n 1)
fi

# --- the initramfs -------------------------------------------------------------------------
root=$(mktemp -d /tmp/sysmaster-vm.XXXXXX)
console=$root.console
cleanup() { [ $keep = 1 ] || rm -rf "$root" "$root.cpio" "$console"; }
trap cleanup EXIT

sm_log "building the initramfs in $root"
mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,run,tmp,var/log,usr/bin,usr/lib/sysmaster/system,usr/lib/sysmaster/workers,opt/sysmaster}
chmod 1777 "$root/tmp"
node_bin=$(readlink -f "$(command -v node)")
cp "$node_bin" "$root/usr/bin/node"
strip "$root/usr/bin/node" 2>/dev/null || true
# node's shared libraries, and the dynamic loader, at their own paths
for lib in $(ldd "$node_bin" | grep -o '/[^ ]*'); do
  mkdir -p "$root$(dirname "$lib")" && cp -L "$lib" "$root$lib"
done
cp /bin/busybox "$root/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
ln -s /bin/busybox "$root/usr/bin/env"   # for the #!/usr/bin/env node of sctl
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
echo sysmaster-vm > "$root/etc/hostname"

# The project as installed: built packages, protos, and the runtime dependencies (pnpm's store,
# less the development-only tools).
(cd "$SM_ROOT" && tar -cf - \
  --exclude='node_modules/.pnpm/typescript@*' --exclude='node_modules/.pnpm/esbuild@*' \
  --exclude='node_modules/.pnpm/@esbuild*' --exclude='node_modules/.pnpm/eslint*' \
  --exclude='node_modules/.pnpm/@eslint*' --exclude='node_modules/.pnpm/@typescript-eslint*' \
  --exclude='node_modules/.pnpm/typescript-eslint*' --exclude='node_modules/.pnpm/madge*' \
  --exclude='node_modules/.pnpm/tsx@*' --exclude='node_modules/.pnpm/@types*' \
  --exclude='packages/*/src' --exclude='packages/*/test' --exclude='packages/sys/build/Release/obj.target' \
  package.json protos units node_modules packages test/vm/check.sh) | tar -xf - -C "$root/opt/sysmaster"
cp -r "$SM_ROOT"/units/. "$root/usr/lib/sysmaster/system/"
rm -rf "$root/usr/lib/sysmaster/system/"{workers,demo,examples,presets}
mkdir -p "$root/usr/lib/sysmaster/system-preset" && cp "$SM_ROOT"/units/presets/*.preset "$root/usr/lib/sysmaster/system-preset/"
cp -r "$SM_ROOT"/test/vm/units/. "$root/usr/lib/sysmaster/system/"
for reg in "$SM_ROOT"/units/workers/*.conf; do
  type=$(sed -n 's/^Type=//p' "$reg")
  printf '[Worker]\nType=%s\nExecStart=/opt/sysmaster/packages/worker-%s/dist/main.js\n' "$type" "$type" \
    > "$root/usr/lib/sysmaster/workers/$(basename "$reg")"
done
ln -s /opt/sysmaster/packages/sctl/dist/launcher.js "$root/usr/bin/sctl"
chmod +x "$root"/opt/sysmaster/packages/*/dist/main.js

(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) > "$root.cpio"
sm_log "initramfs: $(du -m "$root.cpio" | cut -f1) MiB; kernel: $(basename "$kernel")"

# --- boot ----------------------------------------------------------------------------------
sm_log "booting under qemu (TCG), timeout ${timeout}s"
start=$(date +%s.%N)
set +e
timeout "$timeout" qemu-system-x86_64 -M pc -accel tcg -m 2048 -smp 2 -nographic -no-reboot \
  -kernel "$kernel" -initrd "$root.cpio" \
  -append "console=ttyS0 rdinit=/opt/sysmaster/packages/init/dist/main.js panic=-1 loglevel=4" \
  < /dev/null > "$console" 2>&1
qemu_rc=$?
set -e
elapsed=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

grep -E 'VM-(CHECK|OK|FAIL)|Power down|Kernel panic|"level":"(error|warn)"' "$console" | cut -c1-200 || true
if grep -q 'VM-OK' "$console" && grep -q 'reboot: Power down' "$console" && ! grep -q 'Kernel panic' "$console"; then
  sm_log "the VM booted to multi-user.target, ran its daemon and powered off through init (${elapsed}s)"
  exit 0
fi
echo "vm: FAILED (qemu exit $qemu_rc after ${elapsed}s); last console lines:" >&2
tail -n 60 "$console" >&2
[ $keep = 0 ] || echo "vm: kept $root and $console" >&2
exit 1
