using HyperSearch.Spec;

namespace HyperSearch.Contracts;

/// <summary>
/// Checks a submitted spec where it will run: on a silo, against that silo's trainers and plugins
/// and its data files, so the submitting console needs neither (a stateless worker on every silo).
/// </summary>
[Alias("HyperSearch.ISpecGrain")]
public interface ISpecGrain : IGrainWithIntegerKey
{
    /// <param name="yaml">The spec's text.</param>
    /// <param name="baseDirectory">Where its relative paths start; null: the silo's data root.</param>
    [Alias("Check")]
    Task<SpecCheck> Check(string yaml, string? baseDirectory);
}

/// <summary>A checked spec, or every problem with it (one line each, naming the key).</summary>
[GenerateSerializer, Immutable, Alias("HyperSearch.SpecCheck")]
public sealed record class SpecCheck(
    [property: Id(0)] SweepSpec? Spec,
    [property: Id(1)] string[] Errors);
