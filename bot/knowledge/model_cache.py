"""The classifier of a knowledge base, learnt once and kept: in memory for this process, and on
disk as plain arrays (never pickle) for the next one, so that a restart, `pdn-bot ask` or a
reload of an unchanged base does not learn it again (about two seconds of processor each time).

A kept model is found by a digest of everything it is learnt from: the examples, and the source
of the code that turns a text into features and learns from them. Any change to either gives
another digest, so a stale model is never used; a file that cannot be read is learnt again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

import bot.text
from bot.text.bayes import ComplementBayes, Features

log = logging.getLogger(__name__)

FORMAT = b"pdn-bot knowledge model 1"
KEPT_IN_MEMORY = 4
_memory: OrderedDict[str, ComplementBayes] = OrderedDict()
_memory_lock = threading.Lock()  # bases load in threads


def trained_model(
    examples: Sequence[tuple[str, str]],
    features: Features,
    code: Sequence[Path],
    cache: Path | None,
) -> ComplementBayes:
    """The model learnt from `examples`, kept or learnt now. `code` lists the source files
    that decide what is learnt (beside `bot/text/`); `cache` is the folder for the files, None
    for memory only."""
    key = digest(examples, code)
    with _memory_lock:
        model = _memory.get(key)
    if model is None:
        file = cache / f"knowledge-{key}.npz" if cache is not None else None
        model = _read(file, features) if file is not None else None
        if model is None:
            model = ComplementBayes(examples, features)
            if file is not None:
                _write(file, model)
    with _memory_lock:
        _memory[key] = model
        _memory.move_to_end(key)
        while len(_memory) > KEPT_IN_MEMORY:
            _memory.popitem(last=False)
    return model


def digest(examples: Sequence[tuple[str, str]], code: Sequence[Path]) -> str:
    found = hashlib.sha256(FORMAT)
    sources = sorted(Path(bot.text.__file__).parent.glob("*.py")) + list(code)
    for path in sources:
        found.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for text, label in examples:
        found.update(f"{len(text)}:{text}{len(label)}:{label}".encode())
    return found.hexdigest()[:32]


def _read(path: Path, features: Features) -> ComplementBayes | None:
    try:
        with np.load(path, allow_pickle=False) as stored:
            return ComplementBayes.restore({name: stored[name] for name in stored.files}, features)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
        log.warning("Modèle gardé illisible (%s), appris de nouveau : %s", path, exc)
        return None


def _write(path: Path, model: ComplementBayes) -> None:
    """Write next to the final name, then rename: readers see a whole file or none. A cache that
    cannot be written only costs the next run the learning."""
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as out:
            temporary = Path(out.name)
            np.savez(out, **model.state())  # type: ignore[arg-type]  # names of arrays
        os.replace(temporary, path)
    except OSError as exc:
        log.info("Modèle non gardé sur disque (%s) : %s", path.parent, exc)
        if temporary is not None:
            temporary.unlink(missing_ok=True)
