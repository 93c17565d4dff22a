{
  "targets": [
    {
      "target_name": "sys",
      "sources": ["src/addon.c"],
      "cflags": ["-Wall", "-Wextra", "-O2"]
    }
  ]
}
