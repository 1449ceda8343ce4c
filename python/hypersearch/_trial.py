"""One trial as a script sees it."""

import json
import math
import os

from . import _npy


class Trial:
    """params: the parameters (a dict); max_epochs, seed; dir: a fresh directory for this attempt's
    files; resume_from / resume_epoch: a checkpoint directory to continue from (None / 0 if none)."""

    def __init__(self, trial_id, params, directory, max_epochs, seed, checkpoint_dir, checkpoint_every,
                 resume_from, resume_epoch, send):
        self.id = trial_id
        self.params = params
        self.dir = directory
        self.max_epochs = max_epochs
        self.seed = seed
        self.resume_from = resume_from
        self.resume_epoch = resume_epoch
        self._checkpoint_dir = checkpoint_dir
        self._checkpoint_every = max(1, checkpoint_every)
        self._send = send
        self._stopped = False

    def report(self, epoch, **metrics):
        """Reports one epoch's metrics; True when HyperSearch says stop (pruned, cancelled): end
        the trial's loop then. A checkpoint for this epoch must be saved before reporting it."""
        if self._stopped:
            return True
        self._stopped = bool(self._send(int(epoch), {k: float(v) for k, v in metrics.items()}))
        return self._stopped

    def checkpoint(self, epoch):
        """The directory to save this epoch's state into, created, when HyperSearch asks for one
        after this epoch; None otherwise (save nothing). Save, then report the epoch: HyperSearch
        seals the directory when it reads the report, and a later attempt gets it as resume_from."""
        if not self._checkpoint_dir or epoch % self._checkpoint_every != 0 or epoch >= self.max_epochs:
            return None
        path = os.path.join(self._checkpoint_dir, "epoch-%d" % epoch)
        os.makedirs(path, exist_ok=True)
        return path

    def save_probabilities(self, val, test, val_labels=None, test_labels=None):
        """Writes the class probabilities of the validation and test rows (float32 [N, classes]:
        NumPy arrays, torch tensors or nested lists) and, if given, their labels (int64 [N]) into
        the trial directory, so the trial can join the sweep's ensemble."""
        _npy.save(os.path.join(self.dir, "val_probs.npy"), val, "<f4")
        _npy.save(os.path.join(self.dir, "test_probs.npy"), test, "<f4")
        if val_labels is not None:
            _npy.save(os.path.join(self.dir, "val_labels.npy"), val_labels, "<i8")
        if test_labels is not None:
            _npy.save(os.path.join(self.dir, "test_labels.npy"), test_labels, "<i8")


def encode_report(epoch, metrics, kind=None):
    """A report as one JSON line; NaN and infinities as strings (JSON has no literal for them)."""
    line = {"type": kind} if kind else {}
    line["epoch"] = epoch
    for name, value in metrics.items():
        line[name] = value if math.isfinite(value) else ("nan" if math.isnan(value) else ("inf" if value > 0 else "-inf"))
    return json.dumps(line)
