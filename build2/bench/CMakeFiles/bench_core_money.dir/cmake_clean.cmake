file(REMOVE_RECURSE
  "CMakeFiles/bench_core_money.dir/bench_core_money.c.o"
  "CMakeFiles/bench_core_money.dir/bench_core_money.c.o.d"
  "bench_core_money"
  "bench_core_money.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/bench_core_money.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
