namespace HyperSearch.Search;

/// <summary>How a Gaussian-process searcher transforms the objectives before it models them (<see cref="ObjectiveWarp"/>).</summary>
public enum ObjectiveWarpKind
{
    /// <summary>Mean 0, standard deviation 1.</summary>
    Standardised,

    /// <summary>The standard normal quantile of each value's rank.</summary>
    NormalScores,

    /// <summary>Centred on the median, scaled by the median absolute deviation, logarithmic beyond one unit.</summary>
    LogTail,
}
