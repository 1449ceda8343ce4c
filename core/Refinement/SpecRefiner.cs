using System.Globalization;
using System.Text.RegularExpressions;
using HyperSearch.Search;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Refinement;

/// <summary>
/// Writes the next round of a search from a finished (or running) sweep, as cs231n's coarse-to-fine
/// procedure does by hand: ranges narrow around the best trials in each parameter's own scale,
/// widen where the best trial sat at an edge (<see cref="RoundRanges"/>, the rule coarse-to-fine
/// rounds use), choices that never did well are dropped, and each trial trains longer. Pure: the
/// same snapshot and request give the same spec.
/// </summary>
public static partial class SpecRefiner
{
    /// <summary>Fewest finished trials with a figure that say anything about where the good region is.</summary>
    public const int MinimumRanked = 3;

    /// <summary>The best trials the next round is fitted to: an eighth of the ranked trials, from 3 to 10.</summary>
    public static int BestCount(int ranked) => Math.Min(ranked, Math.Clamp((int)Math.Round(ranked / 8.0), 3, 10));

    public static RefinedSpec Refine(SweepSnapshot parent, RefineRequest request)
    {
        var spec = parent.Spec ?? throw new RefineException($"sweep {parent.SweepId} has no spec to refine");
        var observations = Observations(parent.Trials, spec.Objective);
        var ranked = ObservationRanking.BestFirst(observations).Where(o => !double.IsNegativeInfinity(o.Objective!.Value)).ToList();
        if (ranked.Count < MinimumRanked)
        {
            throw new RefineException(
                $"sweep {parent.SweepId} has {ranked.Count} completed or pruned trial(s) with a {spec.Objective.Metric}; refining needs at least {MinimumRanked}");
        }

        var best = ranked.Take(BestCount(ranked.Count)).ToList();
        var evidence = new RefineEvidence(best, observations, ranked.Count, spec.Objective);
        var changes = new List<RefineChange>();
        var space = SpaceRefiner.Refine(spec.Space, evidence, changes);
        var budget = RefineBudget(spec, request, changes);
        // Seed trials ran in the parent (and may lie outside the new ranges): not carried over.
        var refined = spec with { Name = NextName(spec.Name), Budget = budget, Space = space, Parent = request.ParentId, SeedTrials = null };
        return new RefinedSpec(refined, changes, best.Count, ranked.Count);
    }

    /// <summary>The round's name: "fmnist" becomes "fmnist-r2", "fmnist-r2" becomes "fmnist-r3".</summary>
    public static string NextName(string name)
    {
        var match = RoundSuffix().Match(name);
        string stem = match.Success ? name[..match.Index] : name;
        int round = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + 1 : 2;
        string suffix = $"-r{round}";
        return stem[..Math.Min(stem.Length, SpecLimits.NameLength - suffix.Length)] + suffix;
    }

    /// <summary>Finished trials as the ranking sees them: completed and pruned by their last figure, diverged worst.</summary>
    private static List<TrialObservation> Observations(IEnumerable<TrialRecord> trials, ObjectiveSpec objective) =>
        trials
            .Select(t => new TrialObservation(t.Number, t.Parameters, t.Status switch
            {
                TrialStatus.Diverged => double.NegativeInfinity,
                TrialStatus.Completed or TrialStatus.Pruned when t.ObjectiveValue(objective) is { } v && !double.IsNaN(v) => -t.RankKey(objective),
                _ => null,
            }, t.Epochs.Length))
            .Where(o => o.Objective is not null)
            .ToList();

    private static BudgetSpec RefineBudget(SweepSpec spec, RefineRequest request, List<RefineChange> changes)
    {
        var old = spec.Budget;
        int trials = request.Trials ?? old.Trials;
        int maxEpochs = request.MaxEpochs ?? (int)Math.Min(SpecLimits.MaxEpochs, 2L * old.MaxEpochs);
        if (trials is < 1 or > SpecLimits.Trials)
        {
            throw new RefineException($"trials: must be from 1 to {SpecLimits.Trials}, got {trials}");
        }

        if (maxEpochs < 1 || maxEpochs > SpecLimits.MaxEpochs || maxEpochs < spec.Scheduler.GraceEpochs)
        {
            throw new RefineException($"epochs: must be from {Math.Max(1, spec.Scheduler.GraceEpochs)} (the scheduler's grace_epochs) to {SpecLimits.MaxEpochs}, got {maxEpochs}");
        }

        changes.Add(new RefineChange("budget.max_epochs", RefineChangeKind.Budget, request.MaxEpochs is null
            ? $"max_epochs {old.MaxEpochs} -> {maxEpochs}: a finer round trains each trial longer"
            : $"max_epochs {old.MaxEpochs} -> {maxEpochs}, as asked"));
        if (trials != old.Trials)
        {
            changes.Add(new RefineChange("budget.trials", RefineChangeKind.Budget, $"trials {old.Trials} -> {trials}, as asked"));
        }

        int? epochs = old.Epochs;
        if (old.Epochs is { } total)
        {
            // The total keeps its share of what the trials could train.
            epochs = (int)Math.Min(int.MaxValue, Math.Ceiling(total * ((double)maxEpochs / old.MaxEpochs) * ((double)trials / old.Trials)));
            changes.Add(new RefineChange("budget.epochs", RefineChangeKind.Budget, $"epochs {total} -> {epochs}: scaled with trials and max_epochs"));
        }

        return old with { Trials = trials, MaxEpochs = maxEpochs, Epochs = epochs };
    }

    [GeneratedRegex(@"-r([0-9]{1,6})\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoundSuffix();
}
