#!/usr/bin/env bash
# Refactoring guard: runs every command on every shipped scenario with a fixed date and prints one
# SHA-256 line per output file (and of stdout/stderr). Compare before and after a refactoring step:
#   scripts/vingerafdruk.sh > /tmp/voor.txt; ...; scripts/vingerafdruk.sh > /tmp/na.txt; diff /tmp/voor.txt /tmp/na.txt
# Uses the debug binary (built first). Writes only under a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q
# A fixed folder per checkout: paths printed on stdout stay the same between runs.
uit="/tmp/vingerafdruk-$(basename "$PWD")"
rm -rf "$uit" "$uit.bin" && mkdir -p "$uit"
# A copy of the binary: building again while this runs does not change what is measured.
cp target/debug/raming "$uit.bin"
bin="$uit.bin"
export RAMING_DATUM=2026-12-01
run() { local naam=$1; shift; "$bin" "$@" >"$uit/$naam.stdout" 2>"$uit/$naam.stderr" || echo "exit $? $naam" >>"$uit/exit.txt"; }
for s in scenarios/*.toml; do
  n=$(basename "$s" .toml)
  run "bereken_$n" bereken "$s" --uit "$uit/bereken/$n" --csv nl
  run "json_$n" bereken "$s" --uit "$uit/json/$n" --json --geen-grafieken
  run "controleer_$n" controleer "$s"
  run "verschillen_$n" verschillen "$s" --uit "$uit/verschillen/$n"
  run "kalibreer_$n" kalibreer "$s" --uit "$uit/kalibreer/$n"
  run "rapport_$n" rapport "$s" --uit "$uit/rapport/$n.html"
done
run risico risico scenarios/risico.toml --trekkingen 2000 --zaad 7 --stil --uit "$uit/risico"
run vergelijk vergelijk scenarios/basis.toml scenarios/hoge_instroom.toml scenarios/lage_instroom.toml --uit "$uit/vergelijk"
run rapport_meer rapport scenarios/basis.toml scenarios/routekosten.toml scenarios/hoge_instroom.toml --uit "$uit/rapport/meer.html"
run sjabloon sjabloon --uit "$uit/sjabloon/invoer.xlsx"
run importeer importeer "$uit/sjabloon/invoer.xlsx" --naar "$uit/import"
cd "$uit" && find . -type f ! -name '*.xlsx' -print0 | sort -z | xargs -0 sha256sum
# xlsx files carry a creation timestamp only if rust_xlsxwriter sets one; hash them as they are.
find . -type f -name '*.xlsx' -print0 | sort -z | xargs -0 sha256sum
