file(REMOVE_RECURSE
  "CMakeFiles/conomy-desk.dir/src/main.c.o"
  "CMakeFiles/conomy-desk.dir/src/main.c.o.d"
  "conomy-desk"
  "conomy-desk.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/conomy-desk.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
