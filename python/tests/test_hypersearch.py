"""The hypersearch module in its three modes, each in a real subprocess (standard library only)."""

import json
import os
import struct
import subprocess
import sys
import tempfile
import unittest

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SCRIPT = r"""
import json, sys
import hypersearch
for trial in hypersearch.trials(defaults={"lr": 0.5, "width": 8}, max_epochs=3, seed=4):
    sys.stderr.write("trial %s %s %d %d\n" % (trial.id, json.dumps(trial.params, sort_keys=True), trial.max_epochs, trial.seed))
    print("a log line")
    for epoch in range(1, trial.max_epochs + 1):
        if trial.report(epoch, val_accuracy=trial.params["lr"] * epoch, val_loss=float("nan")):
            sys.stderr.write("stopped at %d\n" % epoch)
            break
    trial.save_probabilities(val=[[0.25, 0.75]], test=[[1.0, 0.0], [0.5, 0.5]], val_labels=[1], test_labels=[0, 1])
"""


def run(env, stdin=""):
    full = dict(os.environ, PYTHONPATH=PYTHON_DIR, **env)
    for name in ("HYPERSEARCH_PROTOCOL", "HYPERSEARCH_PARAMS", "HYPERSEARCH_PARAMS_FILE", "HYPERSEARCH_TRIAL_DIR"):
        if name not in env:
            full.pop(name, None)
    return subprocess.run([sys.executable, "-c", SCRIPT], input=stdin, env=full, capture_output=True, text=True, timeout=60)


def read_npy(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x93NUMPY\x01\x00"
    length = struct.unpack("<H", data[8:10])[0]
    header = data[10:10 + length].decode("latin1")
    assert (10 + length) % 64 == 0, "header not aligned"
    return header, data[10 + length:]


class StandaloneTest(unittest.TestCase):
    def test_runs_one_trial_with_the_declared_defaults(self):
        result = run({})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('trial standalone {"lr": 0.5, "width": 8} 3 4', result.stderr)
        self.assertEqual(["a log line", "epoch=1 val_accuracy=0.5 val_loss=nan", "epoch=2 val_accuracy=1 val_loss=nan",
                          "epoch=3 val_accuracy=1.5 val_loss=nan"], result.stdout.splitlines())


class OneShotTest(unittest.TestCase):
    def test_reads_the_environment_and_prints_json_reports(self):
        with tempfile.TemporaryDirectory() as directory:
            result = run({"HYPERSEARCH_PARAMS": '{"lr": 0.25}', "HYPERSEARCH_TRIAL_DIR": directory,
                          "HYPERSEARCH_MAX_EPOCHS": "2", "HYPERSEARCH_SEED": "9"})
            self.assertEqual(result.returncode, 0, result.stderr)
            reports = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
            self.assertEqual([{"epoch": 1, "val_accuracy": 0.25, "val_loss": "nan"}, {"epoch": 2, "val_accuracy": 0.5, "val_loss": "nan"}], reports)
            header, body = read_npy(os.path.join(directory, "test_probs.npy"))
            self.assertIn("'descr': '<f4'", header)
            self.assertIn("'shape': (2, 2)", header)
            self.assertEqual(struct.unpack("<4f", body), (1.0, 0.0, 0.5, 0.5))
            header, body = read_npy(os.path.join(directory, "val_labels.npy"))
            self.assertIn("'shape': (1,)", header)
            self.assertEqual(struct.unpack("<q", body), (1,))

    def test_reads_parameters_from_their_file_when_the_variable_is_absent(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "params.json")
            with open(path, "w") as f:
                f.write('{"lr": 2.0}')
            result = run({"HYPERSEARCH_PARAMS_FILE": path, "HYPERSEARCH_TRIAL_DIR": directory, "HYPERSEARCH_MAX_EPOCHS": "1"})
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn('{"lr": 2.0, "width": 8}', result.stderr)


class PersistentTest(unittest.TestCase):
    def test_serves_trials_from_stdin_and_obeys_stop(self):
        with tempfile.TemporaryDirectory() as directory:
            process = subprocess.Popen([sys.executable, "-c", SCRIPT], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=PYTHON_DIR, HYPERSEARCH_PROTOCOL="persistent"))

            def assign(number, epochs):
                process.stdin.write(json.dumps({"type": "trial", "id": "s/t%d" % number, "params": {"lr": number}, "trial_dir": directory,
                                                "max_epochs": epochs, "seed": number}) + "\n")
                process.stdin.flush()

            def read():
                return json.loads(process.stdout.readline())

            def answer(kind):
                process.stdin.write(json.dumps({"type": kind}) + "\n")
                process.stdin.flush()

            assign(1, 2)
            self.assertEqual({"type": "report", "epoch": 1, "val_accuracy": 1.0, "val_loss": "nan"}, read())
            answer("continue")
            self.assertEqual(2, read()["epoch"])
            answer("continue")
            self.assertEqual({"type": "end"}, read())
            assign(2, 5)
            self.assertEqual(1, read()["epoch"])
            answer("stop")
            self.assertEqual({"type": "end"}, read())
            process.stdin.close()
            self.assertEqual(0, process.wait(timeout=30))
            errors = process.stderr.read()
            self.assertIn("stopped at 1", errors)
            self.assertIn("a log line", errors)  # prints go to stderr: they cannot split a protocol line
            self.assertEqual("", process.stdout.read())
            process.stdout.close()
            process.stderr.close()


if __name__ == "__main__":
    unittest.main()
