"""Train the danger model on the tuning part of the labelled corpus and write its weights.

    .venv/bin/python -m tests.knowledge.train_danger

Reads the danger sets of `tests/knowledge/tuning/` and the labelled questions of
`knowledge/exemples/` (their `urgent` flags; files marked `urgence_etiquetee = false` say
nothing of urgency and are left out). Never reads `tests/knowledge/heldout/`.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from bot.safety.cues import findings, normalized
from bot.safety.model import WEIGHTS, save, signals
from bot.text.logistic import LinearModel, train_logistic
from bot.text.ngrams import Bag

ROOT = Path(__file__).resolve().parents[2]
STRENGTH = 10.0  # inverse L2 penalty, chosen by leaving each author out in turn


def labelled_files() -> list[Path]:
    files = sorted((ROOT / "tests" / "knowledge" / "tuning").glob("*.toml"))
    files += sorted((ROOT / "knowledge" / "exemples").glob("*.toml"))
    return [f for f in files if tomllib.loads(f.read_text("utf-8")).get("urgence_etiquetee", True)]


def labelled() -> list[tuple[str, bool]]:
    """Every text of the tuning corpus and whether it is urgent, in a fixed order."""
    result = []
    for path in labelled_files():
        data = tomllib.loads(path.read_text("utf-8"))
        for item in data.get("message", []) + data.get("question", []):
            result.append((item["text"], bool(item.get("urgent", False))))
    return result


def fingerprint() -> str:
    """Changes when any labelled file or the features change."""
    digest = hashlib.sha256()
    for path in labelled_files():
        digest.update(path.name.encode() + path.read_bytes())
    for source in ("bot/safety/cues.py", "bot/safety/model.py", "bot/text/ngrams.py",
                   "bot/text/sms.py", "bot/text/logistic.py", "bot/text/tfidf.py"):  # fmt: skip
        digest.update((ROOT / source).read_bytes())
    return digest.hexdigest()[:16]


def fit(examples: list[tuple[Bag, bool]]) -> LinearModel:
    """The model, as shipped, from (signals, urgent) examples."""
    return train_logistic(examples, strength=STRENGTH, iterations=300)


def main() -> None:
    examples = [
        (signals(words, findings(words)), urgent)
        for words, urgent in ((normalized(text), urgent) for text, urgent in labelled())
    ]
    model = fit(examples)
    target = ROOT / "bot" / "safety" / WEIGHTS
    save(model, fingerprint(), target)
    print(f"{len(examples)} exemples -> {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
