file(REMOVE_RECURSE
  "libdesk_api.a"
)
