"""The cheapest persistent worker: every trial reports one epoch at once, with the time its own
code took (work_ms: from the trial's arrival in the loop to the report), so what is left of the
host's figure is dispatch: the assignment written, read and parsed, the report written and read."""
import time

import hypersearch

for trial in hypersearch.trials():
    arrived = time.perf_counter()
    trial.report(1, score=1.0, work_ms=(time.perf_counter() - arrived) * 1000.0)
