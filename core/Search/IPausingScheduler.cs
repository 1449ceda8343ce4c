namespace HyperSearch.Search;

/// <summary>
/// A scheduler that pauses trials at rungs and promotes them later (ASHA as in Li et al. 2020):
/// <see cref="ISearchScheduler.OnReport"/> answers <see cref="SchedulerDecision.Pause"/> for a trial
/// that is not promotable when it arrives, and the sweep asks <see cref="NextPromotion"/> whenever a
/// slot wants work, before it starts a new trial.
/// </summary>
public interface IPausingScheduler : ISearchScheduler
{
    /// <summary>
    /// The paused trial to promote now, or null: among <paramref name="paused"/> (trial number ->
    /// the epoch it paused at), the best promotable one at the highest rung.
    /// </summary>
    int? NextPromotion(IReadOnlyDictionary<int, int> paused);

    /// <summary>Whether a slot resumes a paused trial before it starts a new one (ASHA) or after (PBT: the population first).</summary>
    bool PromotesBeforeNewTrials => true;
}
