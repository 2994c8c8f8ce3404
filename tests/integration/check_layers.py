#!/usr/bin/env python3
"""Prove the layering from the built archives, not from what the sources say.

For every layer's static library, each undefined symbol must be defined by a
layer it may use (docs/ARCHITECTURE.md) or by a third-party library that
layer owns, or by the C runtime. A symbol defined by another project layer or
by a library owned elsewhere is a breach, reported as
    layer: symbol (defined by X, not allowed)

    check_layers.py BUILD_DIR              check the real archives
    check_layers.py --self-test BUILD_DIR  also prove that a breach is caught
"""
import glob
import os
import subprocess
import sys
import tempfile

# layer -> (archive, project layers it may use, third-party libraries it owns)
LAYERS = {
    "core": ("libdesk_core.a", [], []),
    "api": ("libdesk_api.a", ["core"], ["curl", "cjson", "crypto", "microhttpd"]),
    "cache": ("libdesk_cache.a", ["core"], ["sqlite3"]),
    "app": ("libdesk_app.a", ["core", "api", "cache"], []),
    "ui": ("libdesk_ui.a", ["core", "app"],
           ["ncursesw", "tinfo", "panelw", "formw", "menuw"]),
    "cli": ("libdesk_cli.a", ["core", "app", "ui"], []),
    "sandbox": ("libsandbox_lib.a", ["core"],
                ["cjson", "crypto", "microhttpd", "sqlite3"]),
}
LIB_DIRS = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64",
            "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib"]


def nm(args, path):
    out = subprocess.run(["nm", *args, path], capture_output=True, text=True)
    return out.stdout if out.returncode == 0 else None


def archive_symbols(path):
    """(defined, undefined) global symbol sets of a static library."""
    text = nm(["-g", "--no-sort"], path)
    if text is None:
        sys.exit(f"check_layers: cannot read {path}")
    defined, undefined = set(), set()
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[1] not in ("U", "w", "v"):
            defined.add(parts[2])
    return defined, undefined - defined


def shared_symbols(name):
    """Dynamic symbols a system library defines (first ELF file found)."""
    for d in LIB_DIRS:
        for path in sorted(glob.glob(os.path.join(d, f"lib{name}.so*"))):
            text = nm(["-D", "--defined-only"], path)
            if text:
                return {l.split()[-1].split("@")[0] for l in text.splitlines()
                        if len(l.split()) >= 3}
    return set()


def check(build, archives):
    owners = {}  # symbol -> set of owners ("layer:x" or "lib:y")
    undefined = {}
    for layer, path in archives.items():
        d, u = archive_symbols(path)
        undefined[layer] = u
        for s in d:
            owners.setdefault(s, set()).add("layer:" + layer)
    libs = sorted({l for _, _, ls in LAYERS.values() for l in ls})
    for lib in libs:
        for s in shared_symbols(lib):
            owners.setdefault(s, set()).add("lib:" + lib)
    breaches = []
    for layer, syms in undefined.items():
        _, uses, owns = LAYERS[layer]
        allowed = {"layer:" + l for l in uses + [layer]} | {"lib:" + l for l in owns}
        for s in sorted(syms):
            who = owners.get(s)
            if who and not (who & allowed):
                breaches.append(f"{layer}: {s} (defined by {', '.join(sorted(who))}, not allowed)")
    return breaches


def real_archives(build):
    return {layer: os.path.join(build, a) for layer, (a, _, _) in LAYERS.items()}


def self_test(build):
    """A ui object that calls the cache, SQLite and curl must be caught."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "breach.c")
        with open(src, "w") as f:
            f.write("int cache_open(void); int sqlite3_open(void); "
                    "int curl_easy_init(void); int breach(void);\n"
                    "int breach(void) { return cache_open() + sqlite3_open() + "
                    "curl_easy_init(); }\n")
        obj, lib = os.path.join(tmp, "breach.o"), os.path.join(tmp, "libdesk_ui.a")
        subprocess.run(["cc", "-c", src, "-o", obj], check=True)
        subprocess.run(["ar", "rcs", lib, obj], check=True)
        archives = real_archives(build)
        archives["ui"] = lib
        found = "\n".join(check(build, archives))
        for want in ("ui: cache_open", "ui: sqlite3_open", "ui: curl_easy_init"):
            if want not in found:
                sys.exit(f"check_layers self-test: a deliberate breach was not caught: {want}")
        print("self-test: a ui object calling the cache, SQLite and curl is caught:")
        print("  " + found.replace("\n", "\n  "))


def main():
    args = sys.argv[1:]
    selftest = "--self-test" in args
    args = [a for a in args if a != "--self-test"]
    build = args[0] if args else os.environ.get("BUILD_DIR", "build")
    if selftest:
        self_test(build)
    breaches = check(build, real_archives(build))
    for b in breaches:
        print("layering breach: " + b, file=sys.stderr)
    if breaches:
        sys.exit(1)
    print(f"layering ok: {len(LAYERS)} layers, every undefined symbol resolved within its allowed layers")


if __name__ == "__main__":
    main()
