"""Embed: one vector per segment from the bundled sentence-transformers model (torch or int8 ONNX).

- :mod:`~thematica.embed.model`: the bundled model, encoders and the embeddings' files;
- :mod:`~thematica.embed.onnx`: the int8 ONNX export of the model and its encoder;
- :mod:`~thematica.embed.study`: every transcript of a study (the workflow's entry).
"""
