using HyperSearch.Search;

namespace HyperSearch.Sweeps;

/// <summary>
/// How a sweep's trials were proposed: how many each source gave and the first trial a model
/// proposed, so the run summary and the explorer can say when a model-based search took over.
/// </summary>
/// <param name="Counts">Trials per source, in <see cref="ProposalSource"/> order; sources with none are left out.</param>
/// <param name="FirstModelTrial">The lowest-numbered trial a model proposed; null when none did.</param>
public sealed record class ProposalTally(IReadOnlyList<(ProposalSource Source, int Trials)> Counts, int? FirstModelTrial)
{
    /// <summary>The tally of <paramref name="trials"/>; null when none recorded its source (states written before sources were kept).</summary>
    public static ProposalTally? Of(IEnumerable<TrialRecord> trials)
    {
        var recorded = trials.Where(t => t.ProposedBy is not null).ToList();
        if (recorded.Count == 0)
        {
            return null;
        }

        var counts = Enum.GetValues<ProposalSource>()
            .Select(source => (source, recorded.Count(t => t.ProposedBy == source)))
            .Where(c => c.Item2 > 0)
            .ToList();
        int? first = recorded.Where(t => t.ProposedBy == ProposalSource.Model).Select(t => (int?)t.Number).Min();
        return new ProposalTally(counts, first);
    }

    /// <summary>The wire name of a source, as the run summary and the explorer write it.</summary>
    public static string NameOf(ProposalSource source) => source switch
    {
        ProposalSource.Random => "random",
        ProposalSource.Grid => "grid",
        ProposalSource.Narrowed => "narrowed",
        ProposalSource.Model => "model",
        ProposalSource.Seed => "seed",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "unknown proposal source"),
    };
}
