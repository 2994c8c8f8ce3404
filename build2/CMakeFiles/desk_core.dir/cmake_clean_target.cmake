file(REMOVE_RECURSE
  "libdesk_core.a"
)
