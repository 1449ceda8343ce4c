namespace HyperSearch.Refinement;

/// <summary>The sweep cannot be refined (no spec, too few finished trials): a user error, with the reason for people.</summary>
public sealed class RefineException(string message) : Exception(message);
