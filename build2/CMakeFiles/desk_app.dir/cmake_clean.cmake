file(REMOVE_RECURSE
  "CMakeFiles/desk_app.dir/src/app/app.c.o"
  "CMakeFiles/desk_app.dir/src/app/app.c.o.d"
  "CMakeFiles/desk_app.dir/src/app/app_actions.c.o"
  "CMakeFiles/desk_app.dir/src/app/app_actions.c.o.d"
  "CMakeFiles/desk_app.dir/src/app/app_directory.c.o"
  "CMakeFiles/desk_app.dir/src/app/app_directory.c.o.d"
  "CMakeFiles/desk_app.dir/src/app/app_listen.c.o"
  "CMakeFiles/desk_app.dir/src/app/app_listen.c.o.d"
  "CMakeFiles/desk_app.dir/src/app/app_params.c.o"
  "CMakeFiles/desk_app.dir/src/app/app_params.c.o.d"
  "CMakeFiles/desk_app.dir/src/app/app_reads.c.o"
  "CMakeFiles/desk_app.dir/src/app/app_reads.c.o.d"
  "CMakeFiles/desk_app.dir/src/app/app_sync.c.o"
  "CMakeFiles/desk_app.dir/src/app/app_sync.c.o.d"
  "CMakeFiles/desk_app.dir/src/app/app_text.c.o"
  "CMakeFiles/desk_app.dir/src/app/app_text.c.o.d"
  "CMakeFiles/desk_app.dir/src/app/app_worker.c.o"
  "CMakeFiles/desk_app.dir/src/app/app_worker.c.o.d"
  "CMakeFiles/desk_app.dir/src/app/config.c.o"
  "CMakeFiles/desk_app.dir/src/app/config.c.o.d"
  "libdesk_app.a"
  "libdesk_app.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/desk_app.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
