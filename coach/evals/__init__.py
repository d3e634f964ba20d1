"""Eval runs: grade labelled cases many times and measure how right and how consistent the grader is."""
