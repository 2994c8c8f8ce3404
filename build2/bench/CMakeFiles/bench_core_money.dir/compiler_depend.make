# Empty compiler generated dependencies file for bench_core_money.
# This may be replaced when dependencies are built.
