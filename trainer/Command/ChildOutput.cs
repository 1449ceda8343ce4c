using System.Collections.Concurrent;
using System.Diagnostics;

namespace HyperSearch.Trainer.Command;

/// <summary>
/// Reads a child's stdout and stderr on two threads of their own, each line capped
/// (<see cref="CappedLineReader"/>) and cleaned: stdout's lines queue for the trial's thread (a null
/// marks its end), stderr's go to <see cref="Tail"/>, the log of whichever trial the process serves.
/// </summary>
internal sealed class ChildOutput
{
    private readonly BlockingCollection<string?> _lines = [];
    private volatile LogTail _tail;

    private ChildOutput(LogTail tail) => _tail = tail;

    /// <summary>Where stderr's lines go; a persistent worker points it at each trial's log in turn.</summary>
    public LogTail Tail
    {
        get => _tail;
        set => _tail = value;
    }

    public static ChildOutput Start(Process process, LogTail tail, string name)
    {
        var output = new ChildOutput(tail);
        var stdout = new CappedLineReader(process.StandardOutput.BaseStream);
        var stderr = new CappedLineReader(process.StandardError.BaseStream);
        Run($"{name} stdout", () =>
        {
            while (stdout.ReadLine() is { } line)
            {
                output._lines.Add(line);
            }

            output._lines.Add(null);
        });
        Run($"{name} stderr", () =>
        {
            while (stderr.ReadLine() is { } line)
            {
                output._tail.Add(line);
            }
        });
        return output;
    }

    /// <summary>The next stdout line within <paramref name="milliseconds"/>; null as the line: stdout ended.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired.</exception>
    public bool TryTake(out string? line, int milliseconds, CancellationToken cancellation) =>
        _lines.TryTake(out line, milliseconds, cancellation);

    /// <summary>
    /// The stdout lines still to come once the process is gone, until stdout ends or
    /// <paramref name="timeout"/> passes (a process that escaped the group may hold the pipe open).
    /// </summary>
    public IEnumerable<string> Rest(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && _lines.TryTake(out var line, Remaining(timeout, clock)))
        {
            if (line is null)
            {
                yield break;
            }

            yield return line;
        }
    }

    private static int Remaining(TimeSpan timeout, Stopwatch clock) => (int)Math.Max(0, (timeout - clock.Elapsed).TotalMilliseconds);

    private static void Run(string name, Action read)
    {
        var thread = new Thread(() =>
        {
            try
            {
                read();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The pipe went away with the process: nothing more to read.
            }
        })
        { IsBackground = true, Name = name };
        thread.Start();
    }
}
