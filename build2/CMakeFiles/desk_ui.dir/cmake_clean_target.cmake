file(REMOVE_RECURSE
  "libdesk_ui.a"
)
