namespace HyperSearch.Client.Commands;

/// <summary>The console's exit codes (docs/design.md): scripts rely on them.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something went wrong inside HyperSearch or its cluster.</summary>
    public const int InternalError = 1;

    /// <summary><c>hypersearch check</c>: the model could not overfit a tiny subset (same code as an internal failure).</summary>
    public const int CheckFailed = 1;

    /// <summary>A bad spec or argument, or missing or corrupt data.</summary>
    public const int UserError = 2;

    /// <summary>The user pressed Ctrl-C; finished trials are kept.</summary>
    public const int Interrupted = 130;
}
