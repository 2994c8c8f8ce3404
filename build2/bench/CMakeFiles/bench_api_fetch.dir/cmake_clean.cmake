file(REMOVE_RECURSE
  "CMakeFiles/bench_api_fetch.dir/bench_api_fetch.c.o"
  "CMakeFiles/bench_api_fetch.dir/bench_api_fetch.c.o.d"
  "bench_api_fetch"
  "bench_api_fetch.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/bench_api_fetch.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
