"""Storage: Chroma vectors behind the SQLite catalogue, the writer lease and the repair of the two."""
