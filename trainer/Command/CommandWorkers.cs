namespace HyperSearch.Trainer.Command;

/// <summary>
/// A trainer slot's persistent worker (at most one), kept from trial to trial while the slot runs
/// the same command. Only the slot's own thread uses it: that thread starts the worker, so the
/// worker's death signal (<see cref="ProcessGroup"/>) stays armed for as long as the slot lives.
/// </summary>
public sealed class CommandWorkers : IDisposable
{
    /// <summary>A slot idle this long closes its worker: its memory (a framework, a data set) goes back to the machine.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    private PersistentWorker? _worker;

    /// <summary>Whether a worker is running (or was, and has not been found dead yet).</summary>
    public bool HasWorker => _worker is not null;

    /// <summary>The live worker for <paramref name="settings"/> on <paramref name="device"/>, or a fresh one (another command's is closed first).</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program cannot be started.</exception>
    internal PersistentWorker Acquire(CommandSettings settings, string device)
    {
        if (_worker is { } worker && (worker.HasExited || !worker.Settings.SameProcess(settings) || worker.Device != device))
        {
            if (worker.HasExited)
            {
                Discard();
            }
            else
            {
                Close();
            }
        }

        return _worker ??= PersistentWorker.Start(settings, device);
    }

    /// <summary>Kills the worker at once (it crashed, hung, or its trial must end now); the next trial starts a fresh one.</summary>
    internal void Discard()
    {
        if (_worker is { } worker)
        {
            _worker = null;
            worker.Kill();
            worker.Dispose();
        }
    }

    /// <summary>Lets the worker finish (end of its stdin) and ends its group.</summary>
    public void Close()
    {
        if (_worker is { } worker)
        {
            _worker = null;
            worker.Close(worker.Settings.Grace);
            worker.Dispose();
        }
    }

    public void Dispose() => Close();
}
