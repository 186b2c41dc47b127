"""A sentence-embedding model (all-MiniLM-L6-v2) run on the CPU with NumPy alone.

The model is a 6-layer BERT encoder: token embeddings, six blocks of self-attention and
a feed-forward layer, then the mean of the token vectors, normalised to length 1, so
that the dot product of two sentence vectors is their cosine similarity. Its weights
come as a safetensors file with the tokenizer's vocabulary beside it (vocab.txt, read by
wordpiece.py); nothing here downloads anything, and nothing here needs PyTorch.
"""

from __future__ import annotations

import json
import math
import os
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# One BLAS thread per process: web workers and test workers already use every core, and
# OpenBLAS threads fighting over them made one query take seconds instead of milliseconds.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
from numpy.typing import NDArray

from runwell.articles.wordpiece import WordPiece

Matrix = NDArray[np.float32]

MODEL_FILES = ("config.json", "model.safetensors", "vocab.txt")
MAX_TOKENS = 256  # what the model was trained with (sentence_bert_config.json)
BATCH = 16
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


class ModelFilesError(RuntimeError):
    """The model's folder is missing a file or holds one that cannot be read."""


def has_model_files(folder: Path) -> bool:
    return all((folder / name).is_file() for name in MODEL_FILES)


def read_safetensors(path: Path) -> dict[str, NDArray[Any]]:
    """Every tensor in a .safetensors file: an 8-byte header size, a JSON header, the data."""
    data = path.read_bytes()
    if len(data) < 8:
        raise ModelFilesError(f"{path} is not a safetensors file")
    (size,) = struct.unpack("<Q", data[:8])
    try:
        header: dict[str, Any] = json.loads(data[8 : 8 + size])
    except ValueError:
        raise ModelFilesError(f"{path} has an unreadable header") from None
    body = memoryview(data)[8 + size :]
    tensors: dict[str, NDArray[Any]] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES.get(info["dtype"])
        if dtype is None:
            raise ModelFilesError(f"{path}: tensor {name} has an unsupported type")
        start, end = info["data_offsets"]
        array = np.frombuffer(body[start:end], dtype=dtype).reshape(info["shape"])
        tensors[name] = array.astype(np.float32) if dtype is np.float16 else array
    return tensors


def _layer_norm(x: Matrix, weight: Matrix, bias: Matrix, eps: float) -> Matrix:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    out: Matrix = (x - mean) / np.sqrt(var + eps) * weight + bias
    return out


def _erf(x: Matrix) -> Matrix:
    # Abramowitz and Stegun 7.1.26: within 1.5e-7 of erf, enough for float32 activations.
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    out: Matrix = sign * (1.0 - poly * np.exp(-a * a))
    return out


def _gelu(x: Matrix) -> Matrix:
    out: Matrix = 0.5 * x * (1.0 + _erf(x / np.float32(math.sqrt(2.0))))
    return out


@dataclass(frozen=True)
class _Block:
    qkv: Matrix  # query, key and value weights side by side: (hidden, 3 * hidden)
    qkv_bias: Matrix
    out: Matrix
    out_bias: Matrix
    norm1: tuple[Matrix, Matrix]
    up: Matrix
    up_bias: Matrix
    down: Matrix
    down_bias: Matrix
    norm2: tuple[Matrix, Matrix]


class Encoder:
    """Sentences in, unit-length vectors out (one row per sentence)."""

    def __init__(self, folder: Path) -> None:
        if not has_model_files(folder):
            raise ModelFilesError(f"{folder} lacks one of {', '.join(MODEL_FILES)}")
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.tokenizer = WordPiece(folder / "vocab.txt")
        w = read_safetensors(folder / "model.safetensors")
        w = {k.removeprefix("bert."): v for k, v in w.items()}
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.dimensions = int(self.words.shape[1])
        self.blocks = [
            self._block(w, f"encoder.layer.{i}.") for i in range(int(config["num_hidden_layers"]))
        ]

    @staticmethod
    def _block(w: dict[str, Matrix], p: str) -> _Block:
        att = f"{p}attention."
        # PyTorch stores a linear layer as (out, in); transposed once here, so that
        # every forward pass is a plain x @ W.
        return _Block(
            qkv=np.ascontiguousarray(
                np.concatenate(
                    [w[f"{att}self.{n}.weight"].T for n in ("query", "key", "value")], axis=1
                )
            ),
            qkv_bias=np.concatenate([w[f"{att}self.{n}.bias"] for n in ("query", "key", "value")]),
            out=np.ascontiguousarray(w[f"{att}output.dense.weight"].T),
            out_bias=w[f"{att}output.dense.bias"],
            norm1=(w[f"{att}output.LayerNorm.weight"], w[f"{att}output.LayerNorm.bias"]),
            up=np.ascontiguousarray(w[f"{p}intermediate.dense.weight"].T),
            up_bias=w[f"{p}intermediate.dense.bias"],
            down=np.ascontiguousarray(w[f"{p}output.dense.weight"].T),
            down_bias=w[f"{p}output.dense.bias"],
            norm2=(w[f"{p}output.LayerNorm.weight"], w[f"{p}output.LayerNorm.bias"]),
        )

    def encode(self, texts: Sequence[str]) -> Matrix:
        """One unit-length row per text; texts longer than 256 tokens are cut there."""
        rows = [self._batch(list(texts[i : i + BATCH])) for i in range(0, len(texts), BATCH)]
        if not rows:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.concatenate(rows)

    def _batch(self, texts: list[str]) -> Matrix:
        encodings = [self.tokenizer.encode(text, MAX_TOKENS) for text in texts]
        length = max(len(e) for e in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        mask = np.zeros((len(texts), length), dtype=np.float32)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding)] = encoding
            mask[row, : len(encoding)] = 1.0
        x = self.words[ids] + self.positions[:length] + self.token_type
        x = _layer_norm(x, *self.norm, self.eps)
        # Padding may not be attended to: a large negative score before the softmax.
        bias = ((1.0 - mask) * -1e9)[:, None, None, :].astype(np.float32)
        for block in self.blocks:
            x = self._forward(x, block, bias)
        summed = (x * mask[:, :, None]).sum(axis=1)
        mean = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(mean, axis=1, keepdims=True)
        out: Matrix = (mean / np.maximum(norms, 1e-12)).astype(np.float32)
        return out

    def _forward(self, x: Matrix, b: _Block, bias: Matrix) -> Matrix:
        batch, length, hidden = x.shape
        size = hidden // self.heads
        qkv = x @ b.qkv + b.qkv_bias
        q, k, v = (
            qkv[..., i * hidden : (i + 1) * hidden]
            .reshape(batch, length, self.heads, size)
            .transpose(0, 2, 1, 3)
            for i in range(3)
        )
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(size)) + bias
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
        x = _layer_norm(x + context @ b.out + b.out_bias, *b.norm1, self.eps)
        up = _gelu(x @ b.up + b.up_bias)
        out: Matrix = _layer_norm(x + up @ b.down + b.down_bias, *b.norm2, self.eps)
        return out
