"""Steps of ``data/build_territories.py``: sources, tables, map frame, shapes, docs."""
