using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using Spectre.Console;

namespace HyperSearch.Client.Commands;

/// <summary>
/// An embedded silo whose own sweep has ended keeps serving the sweeps that other commands started
/// on it (they joined it, <see cref="StateDirectoryJoin"/>) until they end too, so a short run that
/// joined a long one does not lose its silo when the long one finishes first. Ctrl-C stops waiting;
/// the next embedded start here pauses what was left running, for <c>resume</c>.
/// </summary>
internal static class JoinedSweeps
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static async Task WaitAsync(IAnsiConsole console, ClusterConnection connection, CancellationToken cancellationToken)
    {
        if (!connection.IsEmbedded)
        {
            return;
        }

        var registry = connection.Grains.GetGrain<ISweepRegistryGrain>(0);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = StopSignals.Listen(stop.Cancel);
        var said = false;
        try
        {
            while (await registry.GetActive() is { Length: > 0 } running)
            {
                if (!said)
                {
                    console.MarkupLine($"waiting for {running.Length} sweep(s) that other commands started on this silo: {Markup.Escape(string.Join(", ", running))} (Ctrl-C stops waiting)");
                    said = true;
                }

                await Task.Delay(Poll, stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Left running: paused by the next embedded start in this directory.
        }
    }
}
