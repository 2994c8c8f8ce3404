# Empty dependencies file for bench_api_fetch.
# This may be replaced when dependencies are built.
