using HyperSearch.Contracts;

namespace HyperSearch.Silo.Storage;

/// <summary>
/// A grain storage that can list what it holds. The state files can (a directory per state name);
/// with it the sweep registry, when its own record is lost or corrupt, is rebuilt from the sweeps'
/// headers instead of forgetting every sweep.
/// </summary>
public interface IStateCatalog
{
    /// <summary>
    /// Every record stored under <paramref name="stateName"/>, read as a grain's state is read; a
    /// record that cannot be read is handed to <paramref name="onUnreadable"/> and left out.
    /// </summary>
    Task<IReadOnlyList<T>> ReadAllAsync<T>(string stateName, Action<StateCorruptException> onUnreadable);
}
