file(REMOVE_RECURSE
  "libsandbox_lib.a"
)
