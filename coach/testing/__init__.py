"""Test doubles that run for real: a loopback OpenAI-compatible server."""
