"""Using gradio_client the way a browser uses the page: one request at a time per session."""

from __future__ import annotations

import time


def settled(connection, within: float = 30.0) -> None:
    """Waits until gradio_client has no event stream open for this session. gradio_client binds a job
    it submits to the session's stream if one is open, and cancels every job bound to a stream when
    that stream ends. On a busy machine its reader can take most of a second to read the stream's
    closing message after the answer it follows: a send made meanwhile is cancelled in the client,
    never failed by a server. A browser sends the next reply only once the page has the last one."""
    deadline = time.monotonic() + within
    while connection.stream_open and time.monotonic() < deadline:
        time.sleep(0.01)
