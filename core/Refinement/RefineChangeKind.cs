namespace HyperSearch.Refinement;

/// <summary>What <see cref="SpecRefiner"/> did to one key of the spec.</summary>
public enum RefineChangeKind
{
    /// <summary>A numeric range shrank around the best trials.</summary>
    Narrowed,

    /// <summary>The best trial sat at an edge of a range, so that side moved outwards.</summary>
    Widened,

    /// <summary>Choices that no best trial used (and that were tried enough to tell) were dropped.</summary>
    ChoicesDropped,

    /// <summary>A conditional parameter whose condition can no longer hold was dropped.</summary>
    ParameterDropped,

    /// <summary>A range or choice kept as it was, with the evidence why.</summary>
    Kept,

    /// <summary>A budget (epochs per trial, trials, total epochs) was set for the next round.</summary>
    Budget,
}
