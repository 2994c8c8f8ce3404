# Picky warnings (the curl PickyWarnings idea). -Werror when DESK_WERROR is ON.
set(DESK_WARNING_FLAGS
  -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
  -Wformat=2 -Wpointer-arith -Wcast-qual -Wundef -Wwrite-strings
  -Wno-format-nonliteral -Wimplicit-fallthrough -Wconversion -Wno-sign-conversion)

function(desk_warnings target)
  target_compile_options(${target} PRIVATE ${DESK_WARNING_FLAGS})
  if(DESK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
