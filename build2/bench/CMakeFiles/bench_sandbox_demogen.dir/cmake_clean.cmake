file(REMOVE_RECURSE
  "CMakeFiles/bench_sandbox_demogen.dir/bench_sandbox_demogen.c.o"
  "CMakeFiles/bench_sandbox_demogen.dir/bench_sandbox_demogen.c.o.d"
  "bench_sandbox_demogen"
  "bench_sandbox_demogen.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/bench_sandbox_demogen.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
