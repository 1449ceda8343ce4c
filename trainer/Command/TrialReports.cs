using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Command;

/// <summary>
/// The reports of one command trial on their way to the sweep, checked the same way whether the
/// process runs one trial or many: a report past the trial's epoch budget is refused (its figures
/// would describe training the sweep never asked for), a checkpoint written for a reported epoch is
/// sealed, and the objective's presence is noted, since a trial that never reported its objective
/// cannot be ranked.
/// </summary>
internal sealed class TrialReports(TrialContext context, IEpochReporter reporter, LogTail tail)
{
    private readonly HashSet<string> _metricNames = new(StringComparer.Ordinal);

    /// <summary>The last epoch accepted.</summary>
    public int Epochs { get; private set; }

    public bool ObjectiveReported { get; private set; }

    /// <summary>Passes <paramref name="epoch"/> on and returns the reporter's answer; null when it is refused (kept as a log line).</summary>
    public TrialDirective? Accept(EpochResult epoch)
    {
        if (epoch.Epoch > context.MaxEpochs)
        {
            tail.Add($"hypersearch: report of epoch {epoch.Epoch} refused: past max_epochs {context.MaxEpochs}");
            return null;
        }

        Epochs = epoch.Epoch;
        _metricNames.UnionWith(epoch.Metrics.Keys);
        ObjectiveReported |= epoch.Metrics.ContainsKey(context.ObjectiveMetric);
        if (context.Checkpoints is { } checkpoints)
        {
            epoch = epoch with { ResumeCheckpoint = Seal(checkpoints, epoch.Epoch) };
        }

        return reporter.Report(epoch);
    }

    /// <summary>A line that is no report: the trial's log.</summary>
    public void Log(string line) => tail.Add(line);

    /// <summary>Why a trial that ended well still fails: nothing reported, or never its objective; null when it stands.</summary>
    public string? Unranked(string hint)
    {
        if (Epochs == 0)
        {
            return $"exited without a report ({hint})";
        }

        return ObjectiveReported
            ? null
            : $"never reported its objective '{context.ObjectiveMetric}' (its reports carried: {(_metricNames.Count == 0 ? "nothing" : string.Join(", ", _metricNames.Order(StringComparer.Ordinal)))})";
    }

    /// <summary>
    /// Seals what the command saved for <paramref name="epoch"/> (it wrote the files, then reported),
    /// so a resumed attempt can tell it is whole; null when it saved nothing for that epoch.
    /// </summary>
    private string? Seal(EpochCheckpoints checkpoints, int epoch)
    {
        try
        {
            return checkpoints.SealWritten(epoch);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            tail.Add($"hypersearch: could not seal the checkpoint of epoch {epoch}: {e.Message}");
            return null;
        }
    }
}
