namespace HyperSearch.Trainer.Command;

/// <summary>
/// A persistent worker died by a signal (the OOM killer, an operator) or stopped answering while it
/// served a trial: the trial did nothing wrong, so it is queued again (a new attempt, within the
/// sweep's attempt limit) and the slot starts a fresh worker.
/// </summary>
public sealed class WorkerLostException(string message) : Exception(message);
