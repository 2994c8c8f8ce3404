file(REMOVE_RECURSE
  "CMakeFiles/desk_cache.dir/src/cache/cache.c.o"
  "CMakeFiles/desk_cache.dir/src/cache/cache.c.o.d"
  "CMakeFiles/desk_cache.dir/src/cache/cache_activity.c.o"
  "CMakeFiles/desk_cache.dir/src/cache/cache_activity.c.o.d"
  "CMakeFiles/desk_cache.dir/src/cache/cache_customers.c.o"
  "CMakeFiles/desk_cache.dir/src/cache/cache_customers.c.o.d"
  "CMakeFiles/desk_cache.dir/src/cache/cache_err.c.o"
  "CMakeFiles/desk_cache.dir/src/cache/cache_err.c.o.d"
  "CMakeFiles/desk_cache.dir/src/cache/cache_filter.c.o"
  "CMakeFiles/desk_cache.dir/src/cache/cache_filter.c.o.d"
  "CMakeFiles/desk_cache.dir/src/cache/cache_maint.c.o"
  "CMakeFiles/desk_cache.dir/src/cache/cache_maint.c.o.d"
  "CMakeFiles/desk_cache.dir/src/cache/cache_meta.c.o"
  "CMakeFiles/desk_cache.dir/src/cache/cache_meta.c.o.d"
  "CMakeFiles/desk_cache.dir/src/cache/cache_outbox.c.o"
  "CMakeFiles/desk_cache.dir/src/cache/cache_outbox.c.o.d"
  "CMakeFiles/desk_cache.dir/src/cache/cache_payments.c.o"
  "CMakeFiles/desk_cache.dir/src/cache/cache_payments.c.o.d"
  "CMakeFiles/desk_cache.dir/src/cache/cache_schema.c.o"
  "CMakeFiles/desk_cache.dir/src/cache/cache_schema.c.o.d"
  "CMakeFiles/desk_cache.dir/src/cache/cache_sql.c.o"
  "CMakeFiles/desk_cache.dir/src/cache/cache_sql.c.o.d"
  "CMakeFiles/desk_cache.dir/src/cache/cache_totals.c.o"
  "CMakeFiles/desk_cache.dir/src/cache/cache_totals.c.o.d"
  "CMakeFiles/desk_cache.dir/src/cache/cache_version.c.o"
  "CMakeFiles/desk_cache.dir/src/cache/cache_version.c.o.d"
  "CMakeFiles/desk_cache.dir/src/cache/cache_webhook.c.o"
  "CMakeFiles/desk_cache.dir/src/cache/cache_webhook.c.o.d"
  "libdesk_cache.a"
  "libdesk_cache.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/desk_cache.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
