"""`litcurate report`: one self-contained HTML page on a curated folder, with plots.

`build.py` gathers the reviewed tables and renders the page; `plots.py` draws each plot as
inline SVG with matplotlib. The page loads nothing from the network.
"""
