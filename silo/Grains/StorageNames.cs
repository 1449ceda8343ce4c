namespace HyperSearch.Silo.Grains;

/// <summary>Names of the grain storage providers the grains use.</summary>
public static class StorageNames
{
    public const string Sweeps = "sweeps";
}
