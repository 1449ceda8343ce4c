namespace HyperSearch.Sdk;

/// <summary>Where a trainer sends each finished epoch; the answer says whether the trial goes on.</summary>
public interface IEpochReporter
{
    /// <summary>
    /// Records one epoch (a blocking call, on the training thread). <see cref="TrialDirective.Stop"/>:
    /// the sweep pruned or cancelled the trial, or its budget is spent; end now (this epoch counts).
    /// </summary>
    TrialDirective Report(EpochResult epoch);

    /// <summary>
    /// Whether the sweep has asked this trial to stop since its last report (a cancel, a time limit),
    /// for a trainer that can stop in the middle of an epoch; the next <see cref="Report"/> answers
    /// <see cref="TrialDirective.Stop"/> either way.
    /// </summary>
    bool StopRequested => false;
}

/// <summary>The sweep's answer to an epoch report.</summary>
public enum TrialDirective
{
    Continue,
    Stop,
}
