"""Token counts come from tiktoken without any download, or are labelled estimates."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from coach.llm import tokens


def test_the_cache_is_filled_from_the_packaged_encoding_with_the_checksum_tiktoken_expects(tmp_path):
    assert tokens._fill_cache("o200k_base", tmp_path)
    name = hashlib.sha1(tokens._URLS["o200k_base"].encode()).hexdigest()
    assert name == "fb374d419588a4632f3f557e76b4b70aebbca790"
    data = (tmp_path / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"


def test_counting_works_in_a_fresh_process_with_an_empty_cache_and_no_network(tmp_path):
    code = ("from coach.llm.tokens import count_text; c = count_text('Pani Anno, nazywam się Marek.'); "
            "print(c.tokens, c.method)")
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "", "HOME": str(tmp_path),
           "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}  # any download would fail
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    count, method = out.stdout.split(" ", 1)
    assert int(count) > 5 and method.strip() == "tiktoken o200k_base"


def test_an_encoding_that_cannot_be_had_offline_gives_a_labelled_estimate():
    count = tokens.count_text("x" * 40, encoding_name="r50k_base")  # not shipped by any package here
    assert count.tokens == 10 and count.method == "estimate (4 chars/token)" and not count.exact
    assert tokens.count_text("x" * 40).exact


def test_trimming_keeps_the_fixed_messages_and_the_latest_turns():
    fixed = [{"role": "system", "content": "rubric " * 50}]
    turns = [{"role": "user", "content": f"turn {i} " + "word " * 100} for i in range(10)]
    tail = [{"role": "user", "content": "grade this"}]
    messages, dropped = tokens.trim_to_budget(fixed, turns, tail, budget=600)
    assert messages[0] == fixed[0] and messages[-1] == tail[0]
    assert dropped > 0 and messages[1]["content"].startswith(f"turn {dropped} ")
    assert tokens.count_messages(messages).tokens <= 600
