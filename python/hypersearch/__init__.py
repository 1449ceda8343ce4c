"""HyperSearch's trial side for Python scripts (standard library only).

    import hypersearch
    for trial in hypersearch.trials(defaults={"lr": 1e-3}, max_epochs=3):
        for epoch in range(1, trial.max_epochs + 1):
            ...
            if trial.report(epoch, val_accuracy=acc, val_loss=loss):  # True: stop this trial
                break

trials() yields one trial when HyperSearch starts the script once per trial (the environment
protocol), many when it runs as a persistent worker (HYPERSEARCH_PROTOCOL=persistent: trials arrive
on stdin), and one built from `defaults` when no HyperSearch is around (standalone).
"""

from ._channels import mode, trials
from ._trial import Trial

__all__ = ["Trial", "mode", "trials"]
