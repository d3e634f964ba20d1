"""Reaching language models: settings, the client, token budgets, the judge."""
