"""Pieces of the speed benchmark (bench/speed.py) and the profiles (bench/hotspots.py)."""
