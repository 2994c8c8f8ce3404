file(REMOVE_RECURSE
  "CMakeFiles/conomy-sandbox.dir/src/sandbox/main.c.o"
  "CMakeFiles/conomy-sandbox.dir/src/sandbox/main.c.o.d"
  "conomy-sandbox"
  "conomy-sandbox.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/conomy-sandbox.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
