using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Refinement;

/// <summary>What a refinement is fitted to: the best trials (best first), every finished trial with a verdict, and how many were ranked.</summary>
/// <param name="Best">The best trials, best first; objectives oriented so that larger is better.</param>
/// <param name="All">Every finished trial with a verdict (diverged ones included, at negative infinity).</param>
internal sealed record class RefineEvidence(IReadOnlyList<TrialObservation> Best, IReadOnlyList<TrialObservation> All, int Ranked, ObjectiveSpec Objective)
{
    /// <summary>"best 5 of 40 trials".</summary>
    public string Phrase => $"best {Best.Count} of {Ranked} trials";

    /// <summary>The best trials that had <paramref name="name"/> active, best first.</summary>
    public List<TrialObservation> BestWith(string name) => Best.Where(o => o.Parameters.ContainsKey(name)).ToList();

    /// <summary>The objective as the user reads it (un-negated for a minimized metric).</summary>
    public double Shown(double oriented) => Objective.Mode == ObjectiveMode.Max ? oriented : -oriented;
}
