# Empty dependencies file for bench_cache_keyset.
# This may be replaced when dependencies are built.
