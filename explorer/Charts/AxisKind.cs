namespace HyperSearch.Explorer.Charts;

/// <summary>How a chart axis maps values: linearly, in decades (loguniform parameters), or by category.</summary>
public enum AxisKind
{
    Linear,
    Log,
    Category,
}
