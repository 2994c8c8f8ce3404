#!/usr/bin/env bash
# The layering of docs/ARCHITECTURE.md, proven from the built archives: every
# undefined symbol of a layer resolves in a layer it may use or in a library
# it owns. The self-test first shows that a deliberate breach is caught.
set -euo pipefail
BUILD_DIR=${BUILD_DIR:?BUILD_DIR must be set (ctest sets it)}
python3 "$(dirname "$0")/check_layers.py" --self-test "$BUILD_DIR"
