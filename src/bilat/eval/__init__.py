"""Scoring extraction output against gold annotations (the rules of ../shared/eval/score.py)."""
