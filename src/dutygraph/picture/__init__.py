"""Stage 4, picture: a graph in, pictures and notebook tables out (graph → network → pages).

Who works with whom, counted by SPARQL (`picture.network`); pyvis pages that open offline
(`picture.pages`); the notebook's SPARQL magic and its helpers for tables and charts
(`picture.magic`, `picture.notebook`).
"""
