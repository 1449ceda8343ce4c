namespace HyperSearch.Search;

public static class SearcherExtensions
{
    /// <summary>Trial <paramref name="trialNumber"/>'s proposal with nothing in flight (sequential search).</summary>
    public static Suggestion Suggest(this ISearcher searcher, int trialNumber) => searcher.Suggest(trialNumber, []);
}
