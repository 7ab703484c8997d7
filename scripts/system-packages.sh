#!/usr/bin/env bash
# Debian libraries that PyPI wheels cannot carry: Pango and HarfBuzz's subsetter (font
# subsetting; WeasyPrint warns without it, and the tests treat warnings as errors).
# Installed only when missing, and only where we may (root, apt-get present).
set -euo pipefail
needed=()
ldconfig -p | grep -q "libpango-1.0.so.0" || needed+=(libpango-1.0-0)
ldconfig -p | grep -q "libpangoft2-1.0.so.0" || needed+=(libpangoft2-1.0-0)
ldconfig -p | grep -q "libharfbuzz-subset.so.0" || needed+=(libharfbuzz-subset0)
fc-list > /dev/null 2>&1 && [ "$(fc-list | wc -l)" -gt 0 ] || needed+=(fonts-dejavu-core)
if [ ${#needed[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get > /dev/null; then
  echo "Missing system libraries for PDF generation: ${needed[*]} (install them with your package manager)" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}"
