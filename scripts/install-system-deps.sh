#!/usr/bin/env bash
# Install the Debian packages the test suite needs, only those missing.
#   raptor2-utils       rapper, an independent Turtle parser the tests check the output with
#   default-jre-headless Java for owlready2's HermiT reasoner
#   libreoffice-*-nogui  LibreOffice's converter for .doc/.wps/.et/.odt/.ods (see below)
#   virtuoso-opensource  the SPARQL server the endpoint tests start (tests/virtuoso.py runs its
#                        own instance: loopback ports, a temporary database, a random password)
set -euo pipefail

missing=()
command -v rapper >/dev/null 2>&1 || missing+=(raptor2-utils)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v virtuoso-t >/dev/null 2>&1 || missing+=(virtuoso-opensource)
# chromium, chromium-driver: the headless browser tests/test_browser.py opens the pictures in
# (playwright drives /usr/bin/chromium; it never downloads a browser); fonts-noto-cjk: Chinese
# glyphs for its screenshots.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
# libreoffice-writer-nogui, libreoffice-calc-nogui: LibreOffice's headless converter, which
# reads .doc, .wps, .et, .odt and .ods (and an .xls xlrd cannot) into .docx/.xlsx for
# dutygraph (src/dutygraph/read/formats/legacy.py). Large (~300 MB), no desktop needed.
LO=/usr/lib/libreoffice/program
{ command -v soffice >/dev/null 2>&1 && [ -e $LO/libswlo.so ]; } || missing+=(libreoffice-writer-nogui)
{ command -v soffice >/dev/null 2>&1 && [ -e $LO/libsclo.so ]; } || missing+=(libreoffice-calc-nogui)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
