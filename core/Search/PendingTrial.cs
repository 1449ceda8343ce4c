using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// A trial proposed but not finished (queued, running or paused) as a searcher sees it when it
/// proposes the next one: a model-based searcher treats it as a constant liar (it pretends the
/// trial ended badly) so that N proposals made while N trials run do not pile onto one point, and
/// a multi-fidelity one reads its curve so far.
/// </summary>
/// <param name="Curve">The objective at each reported epoch (index 0 is epoch 1), oriented so that larger is better.</param>
public sealed record class PendingTrial(
    int TrialNumber,
    IReadOnlyDictionary<string, ParamValue> Parameters,
    IReadOnlyList<double> Curve);
