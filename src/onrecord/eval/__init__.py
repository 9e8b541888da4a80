"""Evaluation: run extraction over a gold corpus and score it as the reference scorer does."""
