# Empty dependencies file for bench_sandbox_demogen.
# This may be replaced when dependencies are built.
