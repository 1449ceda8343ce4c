using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>A configuration in TPE's good or bad set, with the weight its kernel gets (recent results weigh more).</summary>
internal sealed record class WeightedPoint(int TrialNumber, IReadOnlyDictionary<string, ParamValue> Parameters, double Weight);
