file(REMOVE_RECURSE
  "libdesk_cli.a"
)
