using HyperSearch.Search;
using HyperSearch.Spec;

namespace HyperSearch.Bench.Search;

/// <summary>The searchers the benchmark compares, by the name its output gives them.</summary>
public static class BenchStrategies
{
    public static IReadOnlyDictionary<string, Func<IReadOnlyList<ParameterSpec>, int, ISearcher>> All { get; } =
        new Dictionary<string, Func<IReadOnlyList<ParameterSpec>, int, ISearcher>>
        {
            ["random"] = (space, seed) => new RandomSearcher(space, seed),
            ["tpe"] = (space, seed) => new TpeSearcher(space, seed, new TpeSettings()),
            ["tpe-multivariate"] = (space, seed) => new TpeSearcher(space, seed, new TpeSettings(Multivariate: true)),
            ["tpe-exact-density"] = (space, seed) => new TpeSearcher(space, seed, new TpeSettings(BandwidthUnits: false)),
            ["tpe-no-liar"] = (space, seed) => new TpeSearcher(space, seed, new TpeSettings(ConstantLiar: false)),
            ["gp"] = (space, seed) => new GpSearcher(space, seed),
            ["gp-standardised"] = (space, seed) => new GpSearcher(space, seed, warp: ObjectiveWarpKind.Standardised),
            ["gp-ranks"] = (space, seed) => new GpSearcher(space, seed, warp: ObjectiveWarpKind.NormalScores),
            ["tpe-gamma25"] = (space, seed) => new TpeSearcher(space, seed, new TpeSettings(GoodShare: 0.25, GoodCap: int.MaxValue)),
        };
}
