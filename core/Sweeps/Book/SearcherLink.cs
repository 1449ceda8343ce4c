using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Sweeps.Book;

/// <summary>
/// Everything the book says to the searcher, in one place: it asks for new trials, tells of
/// finished ones, and replays the finished ones after a restart. The searcher's state is a
/// function of what it observed in order, so every observation goes through here.
/// </summary>
internal sealed class SearcherLink(TrialTable table, ISearcher searcher)
{
    /// <summary>The searcher's rounds (coarse-to-fine), for snapshots; null for searchers without rounds.</summary>
    public SearchRound[]? Rounds() => ((searcher as PriorKnowledgeSearcher)?.Inner ?? searcher) is IRoundsSearcher rounds ? rounds.Rounds.ToArray() : null;

    /// <summary>Adds the trial the searcher proposes now; its index, or -1 when there is none now.</summary>
    public int TryCreateTrial()
    {
        var state = table.State;
        if (!table.MayCreateTrials)
        {
            return -1;
        }

        var suggestion = searcher.Suggest(state.Trials.Count, InFlight());

        // A searcher that waits with nothing in flight would wait forever: that ends the search.
        if (suggestion.Kind == SuggestionKind.Exhausted
            || (suggestion.Kind == SuggestionKind.Wait && table.FirstOpen() == state.Trials.Count))
        {
            state.SearchExhausted = true;
            state.Revision++;
            return -1;
        }

        if (suggestion.Kind == SuggestionKind.Wait)
        {
            // Not now: no trial, not exhausted; the next slot that asks for work asks again.
            return -1;
        }

        state.Revision++;
        state.Trials.Add(TrialRecord.CreatePending(state.Trials.Count, new Dictionary<string, ParamValue>(suggestion.Parameters!)) with
        {
            ProposedBy = suggestion.Source,
        });
        return state.Trials.Count - 1;
    }

    /// <summary>Tells the searcher of a trial that just finished. Every finished trial is observed once, in finish order.</summary>
    public void Observe(TrialRecord finished) => searcher.Observe(ToObservation(finished));

    /// <summary>
    /// Rebuilds the searcher after a (re)activation. Suggesting changes nothing, so its state is a
    /// function of its observations in order: the finished trials are observed again in the order
    /// they finished.
    /// </summary>
    public void Replay()
    {
        foreach (var trial in table.Trials.Where(t => t.FinishOrder > 0).OrderBy(t => t.FinishOrder))
        {
            Observe(trial);
        }
    }

    /// <summary>
    /// How a finished trial reads to the searcher: its objective oriented so larger is better;
    /// diverged is the worst verdict; failed and cancelled trials say nothing about their configuration.
    /// </summary>
    private TrialObservation ToObservation(TrialRecord trial)
    {
        double? objective = trial.Status switch
        {
            TrialStatus.Diverged => double.NegativeInfinity,
            TrialStatus.Completed or TrialStatus.Pruned when trial.LastEpoch is { } last => table.Score(last),
            _ => null,
        };
        return new TrialObservation(trial.Number, trial.Parameters, objective, trial.Epochs.Length, Curve(trial));
    }

    /// <summary>The trials proposed and not finished, with their curves so far: what the searcher should not propose again.</summary>
    private List<PendingTrial> InFlight()
    {
        var inFlight = new List<PendingTrial>();
        for (var i = table.FirstOpen(); i < table.Trials.Count; i++)
        {
            var trial = table.Trials[i];
            if (!trial.Status.IsFinished())
            {
                inFlight.Add(new PendingTrial(trial.Number, trial.Parameters, Curve(trial)));
            }
        }

        return inFlight;
    }

    /// <summary>The objective at each reported epoch, oriented so that larger is better.</summary>
    private double[] Curve(TrialRecord trial) => trial.Epochs.Select(table.Score).ToArray();
}
