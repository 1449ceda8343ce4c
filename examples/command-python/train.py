#!/usr/bin/env python3
"""A HyperSearch command trial in pure Python (standard library only, no NumPy).

Softmax regression (multinomial logistic regression with optional L2 weight decay) trained by
minibatch SGD on a small slice of Fashion-MNIST, read from Debian's IDX files
(/usr/share/datasets/fashion-mnist, or --data DIR). Images are averaged 2x2 down to 14x14
(196 features), scaled to [0, 1] and centred on the training mean.

  python3 train.py --lr 0.1 --weight-decay 1e-4 --epochs 3

The protocol HyperSearch expects of a command trial:
  * after each epoch one stdout line `epoch=N train_loss=... val_loss=... val_accuracy=...`
    (every other line is log output);
  * a loss that turns NaN or infinite ends the run with an epoch line holding `nan` and exit 0,
    and the host marks the trial diverged;
  * if HYPERSEARCH_TRIAL_DIR is set, the best epoch's class probabilities go there as
    val_probs.npy / test_probs.npy (float32 [N, 10]) with val_labels.npy / test_labels.npy
    (int64 [N]), so the trial can join an ensemble. The validation rows come from a fixed split
    seed, so they are the same rows in the same order for every trial of a sweep.

Parameters come from the command line; anything not given there falls back to HYPERSEARCH_PARAMS
(the trial's parameters as a JSON object), then to the defaults below. The trial seed (init and
shuffling) is --seed, else HYPERSEARCH_SEED, else 0. SIGTERM keeps Python's default action, which
ends the process at once; nothing is left half-written except, at worst, the .npy files of a run
that was being stopped anyway.
"""

import argparse
import gzip
import json
import math
import os
import random
import struct
import sys
import time
from array import array
from operator import mul

DEFAULT_DATA = "/usr/share/datasets/fashion-mnist"
CLASSES = 10
SPLIT_SEED = 0  # fixed: the validation rows must not depend on the trial seed


def log(message):
    print(message, flush=True)


# ---------------------------------------------------------------- data

def read_idx(path, count):
    """The first `count` items of a gzip'd IDX file as (bytes, item_size); reads only that prefix."""
    with gzip.open(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        if magic >> 8 != 0x08:  # 0x0000 08 ND: unsigned bytes
            raise ValueError("%s: not an unsigned-byte IDX file (magic %#x)" % (path, magic))
        dims = struct.unpack(">%dI" % (magic & 0xFF), f.read(4 * (magic & 0xFF)))
        if count > dims[0]:
            raise ValueError("%s holds %d items, %d wanted" % (path, dims[0], count))
        size = 1
        for d in dims[1:]:
            size *= d
        data = f.read(count * size)
        if len(data) != count * size:
            raise ValueError("%s: truncated" % path)
        return data, size


def downsample(raw, count):
    """count 28x28 images -> lists of 196 floats in [0, 1] (each the mean of a 2x2 block)."""
    scale = 1.0 / (4 * 255)
    images = []
    for i in range(count):
        img = raw[784 * i:784 * (i + 1)]
        h = [a + b for a, b in zip(img[0::2], img[1::2])]  # 28 rows x 14 column pairs
        out = []
        for r in range(0, 392, 28):  # pairs of rows
            out.extend([(a + b) * scale for a, b in zip(h[r:r + 14], h[r + 14:r + 28])])
        images.append(out)
    return images


def load(data_dir, n_train, n_val, n_test):
    n = n_train + n_val
    images, size = read_idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz"), n)
    if size != 784:
        raise ValueError("expected 28x28 images")
    labels, _ = read_idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz"), n)
    x = downsample(images, n)
    y = list(labels)
    order = list(range(n))
    random.Random(SPLIT_SEED).shuffle(order)
    val_rows, train_rows = order[:n_val], order[n_val:]

    t_images, _ = read_idx(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz"), n_test)
    t_labels, _ = read_idx(os.path.join(data_dir, "t10k-labels-idx1-ubyte.gz"), n_test)
    test_x, test_y = downsample(t_images, n_test), list(t_labels)

    train_x = [x[i] for i in train_rows]
    train_y = [y[i] for i in train_rows]
    val_x = [x[i] for i in val_rows]
    val_y = [y[i] for i in val_rows]

    # Centre every feature on its training mean.
    mean = [s / n_train for s in map(sum, zip(*train_x))]
    def centre(rows):
        return [[a - m for a, m in zip(row, mean)] for row in rows]
    return (centre(train_x), train_y), (centre(val_x), val_y), (centre(test_x), test_y)


# ---------------------------------------------------------------- model

def softmax_rows(weights, bias, x):
    """Per row: (log-sum-exp, logits) for the linear model."""
    out = []
    for row in x:
        z = [sum(map(mul, w, row)) + b for w, b in zip(weights, bias)]
        m = max(z)
        lse = m + math.log(sum([math.exp(v - m) for v in z]))
        out.append((lse, z))
    return out


def evaluate(weights, bias, x, y):
    """(mean cross-entropy, accuracy, probabilities) over a data set."""
    total, correct, probs = 0.0, 0, []
    for (lse, z), label in zip(softmax_rows(weights, bias, x), y):
        total += lse - z[label]
        if max(range(CLASSES), key=z.__getitem__) == label:
            correct += 1
        probs.append([math.exp(v - lse) for v in z])
    return total / len(y), correct / len(y), probs


def train_epoch(weights, bias, x, y, lr, weight_decay, batch_size, rng):
    """One epoch of minibatch SGD in place; returns the mean minibatch loss (NaN once diverged)."""
    order = list(range(len(y)))
    rng.shuffle(order)
    decay = 1.0 - lr * weight_decay
    total, batches = 0.0, 0
    for start in range(0, len(order), batch_size):
        rows = order[start:start + batch_size]
        bx = [x[i] for i in rows]
        scale = lr / len(rows)
        # Forward: per row, the softmax minus the one-hot label is the logits' gradient.
        grads = [[] for _ in range(CLASSES)]
        loss = 0.0
        for (lse, z), i in zip(softmax_rows(weights, bias, bx), rows):
            label = y[i]
            loss += lse - z[label]
            for k in range(CLASSES):
                grads[k].append(math.exp(z[k] - lse) - (k == label))
        loss /= len(rows)
        if not math.isfinite(loss):
            return float("nan")
        total += loss
        batches += 1
        # Backward: dW[k][j] = sum over rows of g[k] * x[j]; columns of the batch make that one dot.
        columns = list(zip(*bx))
        for k in range(CLASSES):
            g = grads[k]
            weights[k] = [w * decay - scale * sum(map(mul, g, col))
                          for w, col in zip(weights[k], columns)]
            bias[k] -= scale * sum(g)
    return total / batches


# ---------------------------------------------------------------- .npy files

def write_npy(path, descr, shape, values):
    """A .npy file, format version 1.0, little-endian, C order."""
    dims = "(%d,)" % shape[0] if len(shape) == 1 else "(%s)" % ", ".join(str(d) for d in shape)
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, dims)
    # magic (6) + version (2) + header length (2) + header + padding + '\n' is a multiple of 64.
    pad = 63 - (10 + len(header)) % 64
    header = header + " " * pad + "\n"
    data = array({"<f4": "f", "<i8": "q"}[descr], values)
    if sys.byteorder != "little":
        data.byteswap()
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00")
        f.write(struct.pack("<H", len(header)))
        f.write(header.encode("latin1"))
        f.write(data.tobytes())


def save_predictions(directory, val_probs, val_y, test_probs, test_y):
    for name, probs, labels in (("val", val_probs, val_y), ("test", test_probs, test_y)):
        flat = [p for row in probs for p in row]
        write_npy(os.path.join(directory, name + "_probs.npy"), "<f4", (len(probs), CLASSES), flat)
        write_npy(os.path.join(directory, name + "_labels.npy"), "<i8", (len(labels),), labels)


# ---------------------------------------------------------------- main

def arguments():
    try:
        params = json.loads(os.environ.get("HYPERSEARCH_PARAMS") or "{}")
    except ValueError:
        params = {}
    env_epochs = os.environ.get("HYPERSEARCH_MAX_EPOCHS")
    env_seed = os.environ.get("HYPERSEARCH_SEED")
    p = argparse.ArgumentParser(description="Softmax regression on Fashion-MNIST, pure Python.")
    p.add_argument("--lr", type=float, default=params.get("lr", 0.1))
    p.add_argument("--weight-decay", type=float, default=params.get("weight_decay", 0.0))
    p.add_argument("--batch-size", type=int, default=params.get("batch_size", 32))
    p.add_argument("--epochs", type=int,
                   default=int(env_epochs) if env_epochs else params.get("max_epochs", 3))
    p.add_argument("--seed", type=int, default=int(env_seed) if env_seed else 0)
    p.add_argument("--data", default=DEFAULT_DATA, help="directory of the four IDX .gz files")
    p.add_argument("--train", type=int, default=2000, help="training images")
    p.add_argument("--val", type=int, default=500, help="validation images (held out of train)")
    p.add_argument("--test", type=int, default=1000, help="test images (the first of t10k)")
    return p.parse_args()


def main():
    args = arguments()
    started = time.perf_counter()
    try:
        (train_x, train_y), (val_x, val_y), (test_x, test_y) = load(
            args.data, args.train, args.val, args.test)
    except (OSError, ValueError) as e:
        print("train.py: cannot read Fashion-MNIST: %s" % e, file=sys.stderr)
        return 2
    log("loaded %d train / %d validation / %d test images (14x14) from %s in %.2fs"
        % (len(train_y), len(val_y), len(test_y), args.data, time.perf_counter() - started))
    # Looks like name=value pairs, but without epoch= it is only a log line.
    log("config: lr=%g weight_decay=%g batch_size=%d epochs=%d seed=%d"
        % (args.lr, args.weight_decay, args.batch_size, args.epochs, args.seed))

    rng = random.Random(args.seed)
    features = len(train_x[0])
    weights = [[rng.gauss(0.0, 0.01) for _ in range(features)] for _ in range(CLASSES)]
    bias = [0.0] * CLASSES

    best = None  # (val_accuracy, -val_loss, epoch, weights, bias, val_probs)
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        try:
            train_loss = train_epoch(weights, bias, train_x, train_y, args.lr, args.weight_decay,
                                     args.batch_size, rng)
            val_loss, val_acc, val_probs = evaluate(weights, bias, val_x, val_y)
        except (OverflowError, ValueError, ZeroDivisionError):
            train_loss = val_loss = float("nan")
        if not (math.isfinite(train_loss) and math.isfinite(val_loss)):
            print("epoch=%d train_loss=nan val_loss=nan val_accuracy=nan" % epoch, flush=True)
            log("the loss is no longer finite at epoch %d (lr=%g): stopping" % (epoch, args.lr))
            break
        print("epoch=%d train_loss=%.6g val_loss=%.6g val_accuracy=%.4f"
              % (epoch, train_loss, val_loss, val_acc), flush=True)
        log("epoch %d took %.2fs" % (epoch, time.perf_counter() - t0))
        if best is None or (val_acc, -val_loss) > best[:2]:
            best = (val_acc, -val_loss, epoch, [w[:] for w in weights], bias[:], val_probs)

    if best is None:
        log("no finished epoch: nothing to save")
        return 0
    trial_dir = os.environ.get("HYPERSEARCH_TRIAL_DIR")
    if trial_dir:
        _, test_acc, test_probs = evaluate(best[3], best[4], test_x, test_y)
        save_predictions(trial_dir, best[5], val_y, test_probs, test_y)
        log("best epoch %d (val_accuracy=%.4f, test accuracy %.4f): probabilities saved to %s"
            % (best[2], best[0], test_acc, trial_dir))
    log("done in %.2fs" % (time.perf_counter() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
