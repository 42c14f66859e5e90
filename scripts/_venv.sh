# Shared by scripts/build and scripts/test: make .venv and install the project into it.
# Re-installs only when pyproject.toml has changed since the last install.
# Sourced, but strict on its own too, in case a new script forgets.
set -euo pipefail
VENV="${VENV:-.venv}"

ensure_venv() {
  local extras="${1:-}"
  local python="${PYTHON:-python3}"
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Golden Thread needs Python 3.11 or newer; '$python' is $("$python" --version 2>&1)." >&2
    exit 1
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> Creating $VENV"
    if ! "$python" -m venv "$VENV" 2>/dev/null; then
      # Some Debian-style Pythons lack ensurepip in venv; bootstrap pip by hand.
      rm -rf "$VENV"
      "$python" -m venv --without-pip "$VENV"
      "$VENV/bin/python" -m ensurepip --upgrade --default-pip
    fi
  fi
  local stamp="$VENV/.installed${extras:+-$extras}"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "==> Installing Golden Thread${extras:+ with [$extras]} into $VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
      -e ".${extras:+[$extras]}"
    touch "$stamp"
  fi
}
