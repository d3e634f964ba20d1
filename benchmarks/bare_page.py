"""A bare Gradio app with coach's two API endpoints and none of its work: what Gradio, uvicorn and
the model calls cost on their own, to compare coach against (benchmarks/compare_bare.py).

`/start_conversation(persona_id, mode)` makes an id; `/send_reply(conversation_id, reply)` makes the
same two HTTP calls to the model a coach turn makes (a judge answer in JSON, and the customer's
line streamed), with httpx, and returns a small dict. Logins are Gradio's own (in memory).
    python -m benchmarks.bare_page --port P --model-url http://127.0.0.1:Q/v1 --users trainee00,trainee01
"""

from __future__ import annotations

import argparse
import json
import os
import uuid

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import gradio as gr  # noqa: E402
import httpx  # noqa: E402

PASSWORD = "correct-horse-battery"


def build(model_url: str) -> gr.Blocks:
    client = httpx.AsyncClient(base_url=model_url, timeout=30)

    async def start_conversation(persona_id: str, mode: str = "practice") -> dict:
        return {"conversation_id": uuid.uuid4().hex, "persona_id": persona_id, "mode": mode}

    async def send_reply(conversation_id: str, reply: str) -> dict:
        judged = await client.post("/chat/completions", json={
            "model": "judge", "messages": [{"role": "user", "content": reply}],
            "response_format": {"type": "json_object"}})
        verdicts = json.loads(judged.json()["choices"][0]["message"]["content"])
        parts = []
        async with client.stream("POST", "/chat/completions", json={
                "model": "customer", "stream": True, "messages": [{"role": "user", "content": reply}]}) as response:
            async for line in response.aiter_lines():
                if line.startswith("data: ") and line != "data: [DONE]":
                    for choice in json.loads(line[6:]).get("choices", []):
                        parts.append(choice.get("delta", {}).get("content") or "")
        return {"turn": 0, "verdicts": {k: v.get("verdict") for k, v in verdicts.items()}, "customer": "".join(parts),
                "end": None, "engine": "bare", "seconds": {"turn": 0.0}}

    with gr.Blocks() as demo:
        gr.api(start_conversation, api_name="start_conversation", concurrency_limit=None)
        gr.api(send_reply, api_name="send_reply", concurrency_limit=None)
    return demo


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--model-url", required=True)
    parser.add_argument("--users", required=True, help="comma-separated names, all with the test password")
    args = parser.parse_args()
    demo = build(args.model_url)
    demo.queue(default_concurrency_limit=None)
    demo.launch(server_name="127.0.0.1", server_port=args.port, quiet=True, ssr_mode=False,
                auth=[(name, PASSWORD) for name in args.users.split(",")])


if __name__ == "__main__":
    main()
