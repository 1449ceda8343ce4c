using System.Diagnostics;
using System.Text;

namespace HyperSearch.Trainer.Command;

/// <summary>
/// One long-lived training process of a slot (<c>persistent: true</c>), in a process group of its
/// own under the same guard as a one-shot command (<see cref="ProcessGroup"/>): started from the
/// slot's thread, which outlives it, so a dead silo takes it and its children with it. It reads
/// trials and answers on stdin and writes reports on stdout (<see cref="WorkerAssignment"/>,
/// <see cref="WorkerLine"/>).
/// </summary>
internal sealed class PersistentWorker : IDisposable
{
    /// <summary>How long a worker told to finish (stdin closed) may take before its group is stopped.</summary>
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    private readonly ProcessGroup _group;
    private readonly StreamWriter _input;

    private PersistentWorker(CommandSettings settings, string device, ProcessGroup group, ChildOutput output)
    {
        Settings = settings;
        Device = device;
        _group = group;
        Output = output;
        _input = new StreamWriter(group.Process.StandardInput.BaseStream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    }

    public CommandSettings Settings { get; }

    public string Device { get; }

    public ChildOutput Output { get; }

    public int TrialsServed { get; set; }

    public bool HasExited => _group.Process.HasExited;

    /// <summary>The exit status (the guard passes on 128 + N for a death by signal N); only once exited.</summary>
    public int ExitCode => _group.Process.ExitCode;

    /// <exception cref="System.ComponentModel.Win32Exception">The program cannot be started.</exception>
    public static PersistentWorker Start(CommandSettings settings, string device)
    {
        var tail = new LogTail(CommandTrainer.TailLines);
        var group = ProcessGroup.Start(settings.Arguments, start => Configure(start, settings, device), readsInput: true);
        return new PersistentWorker(settings, device, group, ChildOutput.Start(group.Process, tail, "worker"));
    }

    /// <summary>Writes one line to the worker's stdin.</summary>
    /// <exception cref="IOException">The worker is gone (a broken pipe).</exception>
    public void Send(string line)
    {
        try
        {
            _input.WriteLine(line);
        }
        catch (ObjectDisposedException e)
        {
            throw new IOException("the worker's stdin is closed", e);
        }
    }

    /// <summary>Kills the whole group at once and reaps the leader.</summary>
    public void Kill() => _group.Kill();

    /// <summary>Tells the worker there is no more work (end of stdin), lets it exit, then ends what is left of its group.</summary>
    public void Close(TimeSpan grace)
    {
        try
        {
            _input.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        _group.Process.WaitForExit(grace < CloseWait ? grace : CloseWait);
        _group.Stop(TimeSpan.FromSeconds(1));
    }

    public void Dispose()
    {
        _input.Dispose();
        _group.Dispose();
    }

    private static void Configure(ProcessStartInfo start, CommandSettings settings, string device)
    {
        start.WorkingDirectory = settings.WorkingDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        foreach (var (name, value) in settings.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment[PersistentCommandTrainer.ProtocolVariable] = PersistentCommandTrainer.ProtocolName;
        start.Environment["PYTHONUNBUFFERED"] = "1"; // reports must arrive as printed, not when a buffer fills
        if (device.StartsWith("cuda:", StringComparison.Ordinal))
        {
            start.Environment["CUDA_VISIBLE_DEVICES"] = device["cuda:".Length..];
        }
    }
}
