"""The offline grader: deterministic multilingual detectors, no model needed."""

from coach.offline.grader import OfflineGrader

__all__ = ["OfflineGrader"]
