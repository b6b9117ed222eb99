"""A set of words kept in a few hundred kilobytes (a Bloom filter): membership is exact for
every word put in, and wrong for about one other word in a thousand."""

from __future__ import annotations

import hashlib
import math
import struct
from collections.abc import Iterable

_MAGIC = b"PDNBLOOM"
_HEADER = struct.Struct("<8sQB")


class WordFilter:
    def __init__(self, size: int, hashes: int, bits: bytearray | bytes) -> None:
        self._size = size
        self._hashes = hashes
        self._bits = bits

    @classmethod
    def of(cls, words: Iterable[str], error_rate: float = 0.001) -> WordFilter:
        unique = set(words)
        size = max(8, math.ceil(-len(unique) * math.log(error_rate) / math.log(2) ** 2))
        hashes = max(1, round(size / max(1, len(unique)) * math.log(2)))
        built = cls(size, hashes, bytearray((size + 7) // 8))
        for word in unique:
            for bit in built._positions(word):
                built._bits[bit >> 3] |= 1 << (bit & 7)  # type: ignore[index]
        return built

    @classmethod
    def from_bytes(cls, data: bytes) -> WordFilter:
        magic, size, hashes = _HEADER.unpack_from(data)
        if magic != _MAGIC or len(data) != _HEADER.size + (size + 7) // 8:
            raise ValueError("not a word filter")
        return cls(size, hashes, data[_HEADER.size :])

    def to_bytes(self) -> bytes:
        return _HEADER.pack(_MAGIC, self._size, self._hashes) + bytes(self._bits)

    def _positions(self, word: str) -> list[int]:
        digest = hashlib.blake2b(word.encode(), digest_size=16).digest()
        first, second = struct.unpack("<QQ", digest)
        return [(first + i * second) % self._size for i in range(self._hashes)]

    def __contains__(self, word: str) -> bool:
        return all(self._bits[bit >> 3] >> (bit & 7) & 1 for bit in self._positions(word))
