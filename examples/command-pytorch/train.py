#!/usr/bin/env python3
"""A HyperSearch command trial in PyTorch: the reference MLP or CNN on Fashion-MNIST.

The models are docs/design.md's reference models, the ones the built-in toolbox trains:
  mlp: 784-H-10 (H = --hidden, 256 by default), ReLU, dropout after the hidden layer;
  cnn: conv3x3(32)-ReLU-maxpool2-conv3x3(64)-ReLU-maxpool2-fc128-ReLU-dropout-fc10.
Adam with L2 weight decay, minibatches of --batch-size, inputs standardized by the training
set's mean and standard deviation. Data: Debian's IDX files (/usr/share/datasets/fashion-mnist, or
--data DIR); --train training and --val validation images drawn from the training file with a fixed
split seed, and the first --test images of the test file.

  python3 train.py --model mlp --lr 1e-3 --weight-decay 1e-5 --dropout 0.2 --epochs 3

For HyperSearch it uses the `hypersearch` module (python/ in this repository, standard library only):
  * `for trial in hypersearch.trials(...)`: the sweep runs this script as a persistent worker
    (`persistent: true` in sweep.yaml), so torch is imported and the data read once per slot and
    trial after trial arrives on stdin; run by hand, the same loop trains one trial with the
    command line's values;
  * `trial.report(epoch, ...)` after each epoch; True means stop (ASHA pruned the trial);
  * a loss that turns NaN or infinite is reported as `nan` and the trial ends: the host calls it diverged;
  * `trial.checkpoint(epoch)` names the directory to save the whole state into, before the report,
    when the sweep asks for checkpoints; `trial.resume_from` names one to continue from;
  * `trial.save_probabilities(...)` writes the best epoch's class probabilities (val/test, float32
    [N, 10]) and labels, so the trial can join an ensemble.

`train()` is the whole training run as a function with a per-epoch callback, so another driver
(bench/optuna-compare/optuna_sweep.py) runs exactly the same code.
"""

import argparse
import gzip
import json
import math
import os
import struct
import sys
import time

DEBIAN_PYTHON = "/usr/bin/python3"


def _import_torch():
    """torch and numpy; when this interpreter lacks them but Debian's python3-torch is installed,
    runs this script again under /usr/bin/python3 (a pyenv or venv python3 first on PATH does not see
    Debian's packages)."""
    try:
        import numpy
        import torch
        return numpy, torch
    except ImportError as e:
        here = os.path.realpath(sys.executable)
        if __name__ == "__main__" and os.path.exists(DEBIAN_PYTHON) and here != os.path.realpath(DEBIAN_PYTHON) \
                and not os.environ.get("HYPERSEARCH_EXAMPLE_REEXEC"):
            os.environ["HYPERSEARCH_EXAMPLE_REEXEC"] = "1"
            os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)
        print("train.py: PyTorch is not installed for %s (%s); on Debian: apt-get install python3-torch"
              % (sys.executable, e), file=sys.stderr)
        sys.exit(2)


def _import_hypersearch():
    """The hypersearch module: installed (pip install ./python), on PYTHONPATH, or this repository's copy."""
    try:
        import hypersearch
    except ImportError:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
        import hypersearch
    return hypersearch


np, torch = _import_torch()
hypersearch = _import_hypersearch()
from torch import nn  # noqa: E402  (after the import check above)
import torch.nn.functional as F  # noqa: E402

DEFAULT_DATA = "/usr/share/datasets/fashion-mnist"
CLASSES = 10
SPLIT_SEED = 0  # fixed: the validation rows must not depend on the trial seed


def log(message):
    print(message, flush=True)


# ---------------------------------------------------------------- data

def read_idx(path, count):
    """The first `count` items of a gzip'd unsigned-byte IDX file as a uint8 array [count, ...]."""
    with gzip.open(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        if magic >> 8 != 0x08:
            raise ValueError("%s: not an unsigned-byte IDX file (magic %#x)" % (path, magic))
        dims = struct.unpack(">%dI" % (magic & 0xFF), f.read(4 * (magic & 0xFF)))
        if count > dims[0]:
            raise ValueError("%s holds %d items, %d wanted" % (path, dims[0], count))
        size = int(np.prod(dims[1:], dtype=np.int64)) if len(dims) > 1 else 1
        data = f.read(count * size)
        if len(data) != count * size:
            raise ValueError("%s: truncated" % path)
        return np.frombuffer(data, dtype=np.uint8).reshape((count,) + tuple(dims[1:]))


def load(data_dir, n_train, n_val, n_test):
    """((train_x, train_y), (val_x, val_y), (test_x, test_y)) as tensors; x is float32 [N, 1, 28, 28]."""
    n = n_train + n_val
    images = read_idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz"), n)
    labels = read_idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz"), n)
    if images.shape[1:] != (28, 28):
        raise ValueError("expected 28x28 images, got %s" % (images.shape[1:],))
    order = np.random.default_rng(SPLIT_SEED).permutation(n)
    val_rows, train_rows = order[:n_val], order[n_val:]
    test_images = read_idx(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz"), n_test)
    test_labels = read_idx(os.path.join(data_dir, "t10k-labels-idx1-ubyte.gz"), n_test)

    train_x = images[train_rows].astype(np.float32) / 255.0
    mean, std = float(train_x.mean()), float(train_x.std())

    def tensors(x, y):
        x = (x.astype(np.float32) / 255.0 - mean) / std
        return torch.from_numpy(x).unsqueeze(1), torch.from_numpy(y.astype(np.int64))

    return (tensors(images[train_rows], labels[train_rows]),
            tensors(images[val_rows], labels[val_rows]),
            tensors(test_images, test_labels))


# ---------------------------------------------------------------- models

def mlp(hidden, dropout):
    return nn.Sequential(nn.Flatten(), nn.Linear(784, hidden), nn.ReLU(), nn.Dropout(dropout),
                         nn.Linear(hidden, CLASSES))


def cnn(dropout):
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),   # 28 -> 26 -> 13
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),  # 13 -> 11 -> 5
        nn.Flatten(), nn.Linear(64 * 5 * 5, 128), nn.ReLU(), nn.Dropout(dropout),
        nn.Linear(128, CLASSES))


# ---------------------------------------------------------------- training

def evaluate(model, x, y, batch_size=1000):
    """(mean cross-entropy, accuracy, class probabilities as float32 numpy [N, 10])."""
    model.eval()
    total, correct, probs = 0.0, 0, []
    with torch.no_grad():
        for start in range(0, len(y), batch_size):
            logits = model(x[start:start + batch_size])
            labels = y[start:start + batch_size]
            total += F.cross_entropy(logits, labels, reduction="sum").item()
            correct += (logits.argmax(1) == labels).sum().item()
            probs.append(F.softmax(logits, 1).numpy().astype(np.float32))
    return total / len(y), correct / len(y), np.concatenate(probs)


def train(params, epochs, seed, data, report, threads=1, checkpoint_dir=None, checkpoint_every=1, resume_from=None,
          checkpoint=None):
    """Trains one configuration for up to `epochs` epochs.

    params: lr, weight_decay, dropout, batch_size, model ("mlp" or "cnn"), hidden (MLP width).
    data: load()'s result. report(epoch, figures) is called after every epoch with a dict of
    train_loss, val_loss, val_accuracy; it returns False to stop early (a pruned trial).
    checkpoint_dir: save the whole state after every `checkpoint_every` epochs into
    checkpoint_dir/epoch-N/state.pt, before reporting epoch N; resume_from: such a directory to
    continue from (its epoch + 1 is the first one trained and reported). checkpoint: instead of
    checkpoint_dir, a function of the epoch giving the directory to save into, or None (no save).
    Returns the best epoch as a dict (epoch, figures, val_probs, test_probs, test_accuracy), or
    None when no epoch finished with a finite loss."""
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    (train_x, train_y), (val_x, val_y), (test_x, test_y) = data
    dropout = float(params.get("dropout", 0.0))
    model = cnn(dropout) if params.get("model", "mlp") == "cnn" else mlp(int(params.get("hidden", 256)), dropout)
    optimizer = torch.optim.Adam(model.parameters(), lr=float(params.get("lr", 1e-3)),
                                 weight_decay=float(params.get("weight_decay", 0.0)))
    batch_size = int(params.get("batch_size", 128))

    best, first = None, 1
    if resume_from:
        state = torch.load(os.path.join(resume_from, "state.pt"), weights_only=False)  # it holds NumPy arrays too
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        generator.set_state(state["generator"])
        torch.set_rng_state(state["torch_rng"])  # dropout's stream
        best, first = state["best"], state["epoch"] + 1
    for epoch in range(first, epochs + 1):
        model.train()
        order = torch.randperm(len(train_y), generator=generator)
        total, batches = 0.0, 0
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            loss = F.cross_entropy(model(train_x[rows]), train_y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item()
            batches += 1
        train_loss = total / batches
        val_loss, val_accuracy, val_probs = evaluate(model, val_x, val_y)
        figures = {"train_loss": train_loss, "val_loss": val_loss, "val_accuracy": val_accuracy}
        if not (math.isfinite(train_loss) and math.isfinite(val_loss)):
            report(epoch, {"train_loss": float("nan"), "val_loss": float("nan"), "val_accuracy": float("nan")})
            break
        if best is None or (val_accuracy, -val_loss) > (best["figures"]["val_accuracy"], -best["figures"]["val_loss"]):
            _, test_accuracy, test_probs = evaluate(model, test_x, test_y)
            best = {"epoch": epoch, "figures": figures, "val_probs": val_probs,
                    "test_probs": test_probs, "test_accuracy": test_accuracy}
        directory = checkpoint(epoch) if checkpoint else (
            os.path.join(checkpoint_dir, "epoch-%d" % epoch) if checkpoint_dir and epoch < epochs and epoch % checkpoint_every == 0 else None)
        if directory:
            # Written before the report: HyperSearch seals epoch-N when it reads epoch N's line.
            os.makedirs(directory, exist_ok=True)
            torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch,
                        "generator": generator.get_state(), "torch_rng": torch.get_rng_state(), "best": best},
                       os.path.join(directory, "state.pt"))
        if report(epoch, figures) is False:
            break
    return best


# ---------------------------------------------------------------- main

def arguments():
    p = argparse.ArgumentParser(description="The reference MLP/CNN on Fashion-MNIST in PyTorch.")
    p.add_argument("--model", choices=["mlp", "cnn"], default="mlp")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--weight-decay", type=float, default=0.0)
    p.add_argument("--dropout", type=float, default=0.0)
    p.add_argument("--hidden", type=int, default=256, help="MLP hidden width")
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--epochs", type=int, default=3, help="run by hand: epochs to train")
    p.add_argument("--seed", type=int, default=0, help="run by hand: the seed")
    p.add_argument("--threads", type=int, default=1, help="intra-op threads (one slot = one core)")
    p.add_argument("--data", default=DEFAULT_DATA, help="directory of the four IDX .gz files")
    p.add_argument("--train", type=int, default=10000, help="training images")
    p.add_argument("--val", type=int, default=2000, help="validation images (held out of train)")
    p.add_argument("--test", type=int, default=10000, help="test images (the first of t10k)")
    return p.parse_args()


def main():
    args = arguments()
    started = time.perf_counter()
    try:
        data = load(args.data, args.train, args.val, args.test)
    except (OSError, ValueError) as e:
        print("train.py: cannot read Fashion-MNIST: %s" % e, file=sys.stderr)
        return 2
    log("torch %s; loaded %d train / %d validation / %d test images from %s in %.2fs (%s)"
        % (torch.__version__, args.train, args.val, args.test, args.data, time.perf_counter() - started, hypersearch.mode()))
    defaults = {"model": args.model, "lr": args.lr, "weight_decay": args.weight_decay,
                "dropout": args.dropout, "hidden": args.hidden, "batch_size": args.batch_size}
    for trial in hypersearch.trials(defaults=defaults, max_epochs=args.epochs, seed=args.seed):
        trial_started = time.perf_counter()
        log("trial %s: %s" % (trial.id, json.dumps(trial.params, sort_keys=True)))
        if trial.resume_from:
            log("resuming after epoch %d from %s" % (trial.resume_epoch, trial.resume_from))
        best = train(trial.params, trial.max_epochs, trial.seed, data,
                     lambda epoch, figures: not trial.report(epoch, **figures), args.threads,
                     resume_from=trial.resume_from, checkpoint=trial.checkpoint)
        if best is None:
            log("no epoch finished with a finite loss: nothing to save")
            continue
        (_, _), (_, val_y), (_, test_y) = data
        trial.save_probabilities(val=best["val_probs"], test=best["test_probs"], val_labels=val_y, test_labels=test_y)
        log("best epoch %d (val_accuracy %.4f, test accuracy %.4f) in %.2fs; probabilities saved to %s"
            % (best["epoch"], best["figures"]["val_accuracy"], best["test_accuracy"], time.perf_counter() - trial_started, trial.dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
