"""Developer tools: translations, screenshots (run with python -m)."""
