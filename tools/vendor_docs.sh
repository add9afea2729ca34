#!/usr/bin/env bash
# Re-fetch the offline API-docs assets (Swagger UI 5.x and ReDoc's standalone bundle) from the npm
# registry into kit/static/docs/, and record what was fetched in kit/static/docs/VERSIONS.txt.
# Usage: tools/vendor_docs.sh [swagger-ui-dist version] [redoc version]
set -euo pipefail
cd "$(dirname "$0")/.."

SWAGGER_UI="${1:-5.35.0}"
REDOC="${2:-2.5.4}"  # 3.x ships an ES-module bundle only; 2.x is the classic <redoc> element
OUT=kit/static/docs
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

mkdir -p "$OUT"
(cd "$TMP" && npm pack --silent "swagger-ui-dist@$SWAGGER_UI" "redoc@$REDOC" >/dev/null)
mkdir -p "$TMP/swagger" "$TMP/redoc"
tar xzf "$TMP/swagger-ui-dist-$SWAGGER_UI.tgz" -C "$TMP/swagger"
tar xzf "$TMP/redoc-$REDOC.tgz" -C "$TMP/redoc"

# the source-map comments would make a browser with DevTools open ask for files we do not ship
# (whole trailing lines only: the bundles contain that text inside their code too)
strip_map() { sed -e 's|^//# sourceMappingURL=[^ ]*$||' -e 's|^/\*# sourceMappingURL=[^ ]*\*/$||' "$1"; }
strip_map "$TMP/swagger/package/swagger-ui-bundle.js" > "$OUT/swagger-ui-bundle.js"
strip_map "$TMP/swagger/package/swagger-ui.css" > "$OUT/swagger-ui.css"
cp "$TMP/swagger/package/favicon-32x32.png" "$OUT/favicon-32x32.png"
cp "$TMP/swagger/package/LICENSE" "$OUT/LICENSE.swagger-ui.txt"
# ReDoc's "API docs by Redocly" footer loads its logo from the vendor's CDN: serve it ourselves
strip_map "$TMP/redoc/package/bundles/redoc.standalone.js" \
  | sed -e 's|https://cdn\.redoc\.ly/redoc/logo-mini\.svg|/docs/static/redoc-logo-mini.svg|g' \
  > "$OUT/redoc.standalone.js"
printf '%s\n' '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"></svg>' \
  > "$OUT/redoc-logo-mini.svg"
cp "$TMP/redoc/package/LICENSE" "$OUT/LICENSE.redoc.txt"

{
  echo "# Offline API-docs assets, fetched by tools/vendor_docs.sh from the npm registry."
  echo "# package version integrity (sha512 of the npm tarball)"
  echo "swagger-ui-dist $SWAGGER_UI $(npm view "swagger-ui-dist@$SWAGGER_UI" dist.integrity)"
  echo "redoc $REDOC $(npm view "redoc@$REDOC" dist.integrity)"
  echo "# files: swagger-ui-bundle.js swagger-ui.css favicon-32x32.png (swagger-ui-dist),"
  echo "# redoc.standalone.js (redoc bundles/); sourceMappingURL comments stripped; ReDoc's"
  echo "# footer logo URL pointed at the local blank redoc-logo-mini.svg"
} > "$OUT/VERSIONS.txt"
echo "vendored swagger-ui-dist $SWAGGER_UI and redoc $REDOC into $OUT"
