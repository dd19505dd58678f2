"""Retrieval: what a question asks (speaker, topic, period) and the passages and quotes that answer it."""
