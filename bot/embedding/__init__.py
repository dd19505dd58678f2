"""Embedding: the bundled MiniLM (int8 ONNX or fp32 torch) or an OpenAI-compatible model."""
