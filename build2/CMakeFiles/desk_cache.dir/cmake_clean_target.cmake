file(REMOVE_RECURSE
  "libdesk_cache.a"
)
