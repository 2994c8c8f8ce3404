file(REMOVE_RECURSE
  "CMakeFiles/desk_cli.dir/src/cli/cli.c.o"
  "CMakeFiles/desk_cli.dir/src/cli/cli.c.o.d"
  "CMakeFiles/desk_cli.dir/src/cli/cli_actions.c.o"
  "CMakeFiles/desk_cli.dir/src/cli/cli_actions.c.o.d"
  "CMakeFiles/desk_cli.dir/src/cli/cli_listen.c.o"
  "CMakeFiles/desk_cli.dir/src/cli/cli_listen.c.o.d"
  "CMakeFiles/desk_cli.dir/src/cli/cli_misc.c.o"
  "CMakeFiles/desk_cli.dir/src/cli/cli_misc.c.o.d"
  "CMakeFiles/desk_cli.dir/src/cli/cli_payments.c.o"
  "CMakeFiles/desk_cli.dir/src/cli/cli_payments.c.o.d"
  "CMakeFiles/desk_cli.dir/src/cli/cli_print.c.o"
  "CMakeFiles/desk_cli.dir/src/cli/cli_print.c.o.d"
  "CMakeFiles/desk_cli.dir/src/cli/cli_sync.c.o"
  "CMakeFiles/desk_cli.dir/src/cli/cli_sync.c.o.d"
  "CMakeFiles/desk_cli.dir/src/cli/cli_tui.c.o"
  "CMakeFiles/desk_cli.dir/src/cli/cli_tui.c.o.d"
  "libdesk_cli.a"
  "libdesk_cli.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/desk_cli.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
