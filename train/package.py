"""Package a trained role tagger into the onrecord package: fold the shared tok2vec into the tagger.

usage: python train/package.py build/train-run1/model-best src/onrecord/nlp/models/roles-fast
"""

import shutil
import sys
from pathlib import Path

import spacy


def main(trained: str, target: str) -> None:
    nlp = spacy.load(trained)
    # The tagger listens to a shared tok2vec during training; at run time it is the only consumer, so
    # give it its own copy and drop the shared component: one self-contained pipe, fewer moving parts.
    # (Phase 2 trains the packaged phase-1 tagger, whose tok2vec is already its own.)
    if "tok2vec" in nlp.pipe_names:
        tok2vec = nlp.config["components"]["attribution"]["model"]["tok2vec"]
        listener = "model.tok2vec.embed" if "embed" in tok2vec else "model.tok2vec"
        nlp.replace_listeners("tok2vec", "attribution", [listener])
        nlp.remove_pipe("tok2vec")
    target_path = Path(target)
    if target_path.exists():
        shutil.rmtree(target_path)
    target_path.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target_path)
    size = sum(f.stat().st_size for f in target_path.rglob("*") if f.is_file())
    print(f"{target}: pipeline {nlp.pipe_names}, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(*sys.argv[1:3])
