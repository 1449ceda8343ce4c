namespace HyperSearch.Spec;

/// <summary>
/// A spec that cannot be used. Carries every problem found, not just the first, so one edit can fix
/// them all; <see cref="Exception.Message"/> lists them one per line.
/// </summary>
[GenerateSerializer, Alias("HyperSearch.SpecException")]
public sealed class SpecException : Exception
{
    public SpecException(IReadOnlyList<SpecError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("a spec exception needs at least one error", nameof(errors));
        }

        Errors = errors.ToArray();
    }

    public SpecException(SpecError error)
        : this([error])
    {
    }

    /// <summary>The problems, in the order they were found (document order, as a rule).</summary>
    [Id(0)]
    public IReadOnlyList<SpecError> Errors { get; }
}
