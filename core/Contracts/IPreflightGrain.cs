namespace HyperSearch.Contracts;

/// <summary>
/// Preflight checks of a spec before a sweep burns hours on it (<c>hypersearch check</c>). A
/// stateless worker: it runs on the silo the caller reaches, on a dedicated thread, and answers when
/// done (seconds: a handful of examples, a few hundred steps).
/// </summary>
[Alias("HyperSearch.IPreflightGrain")]
public interface IPreflightGrain : IGrainWithIntegerKey
{
    /// <summary>Tries each candidate in turn until one overfits the tiny subset.</summary>
    [Alias("CheckOverfit")]
    [ResponseTimeout("00:10:00")] // a CNN on a busy machine can take a while; the default is 30 s
    Task<PreflightReport> CheckOverfit(PreflightRequest request);
}
