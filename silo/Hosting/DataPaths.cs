using HyperSearch.Paths;
using HyperSearch.Spec;

namespace HyperSearch.Silo.Hosting;

/// <summary>The data directory a silo may read for a data set, checked against its roots.</summary>
public static class DataPaths
{
    /// <summary>
    /// The resolved directory to read. Synthetic data is generated in memory: its path (often empty)
    /// is never opened, so it is passed on unchecked.
    /// </summary>
    /// <exception cref="PathOutsideRootsException">Any other data set's directory outside the roots.</exception>
    public static string Require(AllowedRoots roots, string dataset, string path) =>
        dataset == SpecNames.Synthetic ? path : roots.Require(path);
}
