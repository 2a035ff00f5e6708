"""What to say: Dutch replies built from the data files, every advice through the one safety gate (gate.py)."""
