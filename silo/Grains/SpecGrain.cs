using HyperSearch.Contracts;
using HyperSearch.Silo.Specs;
using Orleans.Concurrency;

namespace HyperSearch.Silo.Grains;

/// <summary>Checks submitted specs on the silo that receives them (see <see cref="SpecChecker"/>).</summary>
[StatelessWorker(1)]
public sealed class SpecGrain(SpecChecker checker) : Grain, ISpecGrain
{
    // Loading a plugin and reading a data set's headers is file work: off the grain scheduler.
    public Task<SpecCheck> Check(string yaml, string? baseDirectory) => Task.Run(() => checker.Check(yaml, baseDirectory));
}
