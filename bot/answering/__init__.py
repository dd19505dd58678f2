"""Answering: compose (LLM or offline) from numbered evidence, then verify every quote before it is sent."""
