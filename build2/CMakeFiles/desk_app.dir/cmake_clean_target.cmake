file(REMOVE_RECURSE
  "libdesk_app.a"
)
