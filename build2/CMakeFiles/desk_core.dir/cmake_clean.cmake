file(REMOVE_RECURSE
  "CMakeFiles/desk_core.dir/src/core/account.c.o"
  "CMakeFiles/desk_core.dir/src/core/account.c.o.d"
  "CMakeFiles/desk_core.dir/src/core/currency.c.o"
  "CMakeFiles/desk_core.dir/src/core/currency.c.o.d"
  "CMakeFiles/desk_core.dir/src/core/customer.c.o"
  "CMakeFiles/desk_core.dir/src/core/customer.c.o.d"
  "CMakeFiles/desk_core.dir/src/core/err.c.o"
  "CMakeFiles/desk_core.dir/src/core/err.c.o.d"
  "CMakeFiles/desk_core.dir/src/core/filter.c.o"
  "CMakeFiles/desk_core.dir/src/core/filter.c.o.d"
  "CMakeFiles/desk_core.dir/src/core/json_field.c.o"
  "CMakeFiles/desk_core.dir/src/core/json_field.c.o.d"
  "CMakeFiles/desk_core.dir/src/core/money.c.o"
  "CMakeFiles/desk_core.dir/src/core/money.c.o.d"
  "CMakeFiles/desk_core.dir/src/core/payment.c.o"
  "CMakeFiles/desk_core.dir/src/core/payment.c.o.d"
  "CMakeFiles/desk_core.dir/src/core/payment_status.c.o"
  "CMakeFiles/desk_core.dir/src/core/payment_status.c.o.d"
  "CMakeFiles/desk_core.dir/src/core/refund.c.o"
  "CMakeFiles/desk_core.dir/src/core/refund.c.o.d"
  "CMakeFiles/desk_core.dir/src/core/sanitize.c.o"
  "CMakeFiles/desk_core.dir/src/core/sanitize.c.o.d"
  "CMakeFiles/desk_core.dir/src/core/strbuf.c.o"
  "CMakeFiles/desk_core.dir/src/core/strbuf.c.o.d"
  "CMakeFiles/desk_core.dir/src/core/timeutil.c.o"
  "CMakeFiles/desk_core.dir/src/core/timeutil.c.o.d"
  "CMakeFiles/desk_core.dir/src/core/xalloc.c.o"
  "CMakeFiles/desk_core.dir/src/core/xalloc.c.o.d"
  "libdesk_core.a"
  "libdesk_core.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/desk_core.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
