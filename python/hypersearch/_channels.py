"""Where trials come from and where reports go, in each of the three modes."""

import json
import os
import sys
import tempfile

from ._trial import Trial, encode_report

PERSISTENT = "persistent"
ONE_SHOT = "one-shot"
STANDALONE = "standalone"


def mode():
    """"persistent", "one-shot" or "standalone": how this process was started."""
    if os.environ.get("HYPERSEARCH_PROTOCOL") == PERSISTENT:
        return PERSISTENT
    if "HYPERSEARCH_PARAMS" in os.environ or "HYPERSEARCH_PARAMS_FILE" in os.environ or "HYPERSEARCH_TRIAL_DIR" in os.environ:
        return ONE_SHOT
    return STANDALONE


def trials(defaults=None, max_epochs=1, seed=0):
    """The trials this process trains, as Trial objects.

    defaults: parameter values for standalone runs, and for any parameter HyperSearch does not pass
    (an inactive conditional one); max_epochs and seed: a standalone run's budget and seed."""
    defaults = dict(defaults or {})
    current = mode()
    if current == PERSISTENT:
        return _persistent(defaults)
    if current == ONE_SHOT:
        return iter([_one_shot(defaults)])
    return iter([_standalone(defaults, max_epochs, seed)])


def _one_shot(defaults):
    env = os.environ
    text = env.get("HYPERSEARCH_PARAMS")
    if text is None and env.get("HYPERSEARCH_PARAMS_FILE"):
        # Too long for one environment variable: HyperSearch passed only the file.
        with open(env["HYPERSEARCH_PARAMS_FILE"], encoding="utf-8") as f:
            text = f.read()
    params = dict(defaults, **json.loads(text or "{}"))
    resume = env.get("HYPERSEARCH_RESUME_FROM") or None

    def send(epoch, metrics):
        sys.stdout.write(encode_report(epoch, metrics) + "\n")
        sys.stdout.flush()
        return False  # a stop reaches a one-shot process as SIGTERM

    return Trial(
        trial_id=env.get("HYPERSEARCH_TRIAL_ID", "one-shot"),
        params=params,
        directory=env.get("HYPERSEARCH_TRIAL_DIR") or tempfile.mkdtemp(prefix="hypersearch-trial-"),
        max_epochs=int(env.get("HYPERSEARCH_MAX_EPOCHS") or 1),
        seed=int(env.get("HYPERSEARCH_SEED") or 0),
        checkpoint_dir=env.get("HYPERSEARCH_CHECKPOINT_DIR") or None,
        checkpoint_every=int(env.get("HYPERSEARCH_CHECKPOINT_EVERY") or 1),
        resume_from=resume,
        resume_epoch=int(env.get("HYPERSEARCH_RESUME_EPOCH") or 0) if resume else 0,
        send=send)


def _standalone(defaults, max_epochs, seed):
    def send(epoch, metrics):
        pairs = " ".join("%s=%s" % (name, _number(value)) for name, value in metrics.items())
        print("epoch=%d %s" % (epoch, pairs), flush=True)
        return False

    return Trial(trial_id="standalone", params=defaults, directory=tempfile.mkdtemp(prefix="hypersearch-trial-"),
                 max_epochs=max_epochs, seed=seed, checkpoint_dir=None, checkpoint_every=1,
                 resume_from=None, resume_epoch=0, send=send)


def _number(value):
    return "%.6g" % value if isinstance(value, float) else str(value)


def _persistent(defaults):
    """Trials read from stdin, one JSON line each, until stdin ends. Reports go to the original
    stdout; from here on anything else the script prints goes to stderr (fd 1 is pointed there), so
    a print can never split a protocol line."""
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    sys.stdout.flush()
    os.dup2(2, 1)
    answers = sys.stdin

    def write(message):
        protocol.write(message + "\n")
        protocol.flush()

    def send(epoch, metrics):
        write(encode_report(epoch, metrics, kind="report"))
        line = answers.readline()
        if not line:
            raise SystemExit(0)  # HyperSearch went away mid-trial
        return json.loads(line).get("type") == "stop"

    while True:
        line = answers.readline()
        if not line:
            return
        message = json.loads(line)
        if message.get("type") != "trial":
            continue  # a late answer to a report of an ended trial
        resume = message.get("resume_from")
        yield Trial(
            trial_id=message["id"],
            params=dict(defaults, **message.get("params", {})),
            directory=message["trial_dir"],
            max_epochs=int(message["max_epochs"]),
            seed=int(message["seed"]),
            checkpoint_dir=message.get("checkpoint_dir"),
            checkpoint_every=int(message.get("checkpoint_every") or 1),
            resume_from=resume,
            resume_epoch=int(message.get("resume_epoch") or 0) if resume else 0,
            send=send)
        # Reached when the script asks for the next trial: this one is over.
        write(json.dumps({"type": "end"}))
