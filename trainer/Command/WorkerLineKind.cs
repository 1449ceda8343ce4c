namespace HyperSearch.Trainer.Command;

/// <summary>What a line from a persistent worker's stdout is.</summary>
internal enum WorkerLineKind
{
    /// <summary>Anything else: log output.</summary>
    Log,

    /// <summary><c>{"type": "report", "epoch": N, "val_accuracy": ...}</c>: one epoch, answered with continue or stop.</summary>
    Report,

    /// <summary><c>{"type": "end"}</c>: the worker is done with its trial and waits for the next.</summary>
    End,
}
