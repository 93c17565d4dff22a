{
  "targets": [
    {
      "target_name": "sys",
      "sources": [
        "src/addon.c",
        "src/spawn.c",
        "src/spawn-context.c",
        "src/reap.c",
        "src/fd.c",
        "src/sock.c",
        "src/listen-files.c",
        "src/poll.c",
        "src/mount.c",
        "src/notify.c"
      ],
      "cflags": ["-Wall", "-Wextra", "-O2", "-std=gnu11"],
      "libraries": ["-lm"]
    }
  ]
}
