"""coach: practise difficult customer conversations and get graded on every reply."""

__version__ = "0.1.0"
