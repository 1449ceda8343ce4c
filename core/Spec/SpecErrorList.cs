namespace HyperSearch.Spec;

/// <summary>
/// Collects problems while a spec is read, so parsing goes on after the first one. The same problem
/// reported twice (two rules that agree, such as log-uniform's and lr's "must be > 0") is kept once.
/// </summary>
internal sealed class SpecErrorList
{
    private readonly List<SpecError> _errors = [];

    public int Count => _errors.Count;

    public void Add(string path, string message)
    {
        var error = SpecError.Bounded(path, message);
        if (!_errors.Contains(error))
        {
            _errors.Add(error);
        }
    }

    /// <summary>Throws a <see cref="SpecException"/> holding everything found, if anything was.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new SpecException(_errors.ToArray());
        }
    }
}
