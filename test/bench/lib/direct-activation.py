#!/usr/bin/python3
# direct-activation.py DAEMON COUNT: the floor under any manager's socket activation, for the
# socket benchmark. COUNT times: a fresh listening unix socket, a client connected to it with its
# line sent (it waits in the backlog, as a client of a socket unit whose service is not running),
# then fork and exec of DAEMON (/usr/bin/python3 DAEMON LOG) with the listening socket at fd 3,
# LISTEN_FDS=1, LISTEN_FDNAMES and LISTEN_PID (set in the child: its own pid), in an environment
# as clean as a manager gives a service. The time from connect to the reply's first byte is what
# fork, exec, the daemon's own start-up and its first answer cost with no manager in between.
# The daemon is then stopped with SIGTERM and reaped. Prints a JSON list of milliseconds.
import json, os, shutil, signal, socket, sys, tempfile, time

daemon, count = sys.argv[1], int(sys.argv[2])
folder = tempfile.mkdtemp(prefix='sm-bench-direct-')
path = os.path.join(folder, 'direct.sock')
log = os.path.join(folder, 'daemon.log')
env_base = {'PATH': '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'LANG': 'C.UTF-8'}
times = []
try:
    for i in range(count):
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(path)
        server.listen(128)
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.settimeout(30)
        t0 = time.perf_counter()
        client.connect(path)
        client.sendall(f'ping-{i}\n'.encode())
        pid = os.fork()
        if pid == 0:
            try:
                if server.fileno() == 3:
                    os.set_inheritable(3, True)  # dup2(3, 3) would leave CLOEXEC set
                else:
                    os.dup2(server.fileno(), 3)
                env = dict(env_base, LISTEN_FDS='1', LISTEN_PID=str(os.getpid()), LISTEN_FDNAMES='direct')
                os.execve('/usr/bin/python3', ['/usr/bin/python3', daemon, log], env)
            finally:
                os._exit(127)
        first = client.recv(1)
        elapsed = (time.perf_counter() - t0) * 1000
        rest = client.makefile().readline()
        if not first or not (first.decode() + rest).strip().endswith(f'ping-{i}'):
            raise SystemExit(f'direct-activation: no proper reply from the daemon: {first!r}{rest!r}')
        times.append(elapsed)
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
        client.close()
        server.close()
        os.unlink(path)
finally:
    shutil.rmtree(folder, ignore_errors=True)
print(json.dumps(times))
