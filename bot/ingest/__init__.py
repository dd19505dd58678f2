"""Ingest: sources (files, URLs, feeds) -> clean articles -> chunks, quotes and speakers, in batches."""
