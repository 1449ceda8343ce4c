using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Bench.Search;

/// <summary>
/// One search of one function: <c>trials</c> evaluations, at most <c>parallel</c> in flight. With
/// more than one in flight the oldest finishes first (a queue of equal-length trials), and the
/// searcher is asked for the next one with the others still running, as a sweep asks it.
/// </summary>
public static class SearchRun
{
    /// <returns>The regret of the best value found after each finished evaluation.</returns>
    public static double[] Regrets(SearchFunction function, ISearcher searcher, int trials, int parallel)
    {
        var inFlight = new Queue<PendingTrial>();
        var regrets = new List<double>(trials);
        double best = double.PositiveInfinity;

        void FinishOldest()
        {
            var trial = inFlight.Dequeue();
            double value = function.Evaluate(trial.Parameters);
            searcher.Observe(new TrialObservation(trial.TrialNumber, trial.Parameters, -value, 1));
            best = Math.Min(best, value);
            regrets.Add(best - function.Minimum);
        }

        for (int n = 0; n < trials; n++)
        {
            if (inFlight.Count >= parallel)
            {
                FinishOldest();
            }

            var suggestion = searcher.Suggest(n, inFlight.ToList());
            if (suggestion.Kind != SuggestionKind.Proposed)
            {
                throw new InvalidOperationException($"{function.Name}: trial {n} got {suggestion.Kind}");
            }

            inFlight.Enqueue(new PendingTrial(n, suggestion.Parameters!, []));
        }

        while (inFlight.Count > 0)
        {
            FinishOldest();
        }

        return regrets.ToArray();
    }
}
