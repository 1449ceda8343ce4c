namespace HyperSearch.Tests.Roots;

/// <summary>
/// A directory outside any silo root, holding a file that stands for /etc/shadow (its content must
/// never show up in an answer) and a name that does not exist (its refusal must read the same).
/// </summary>
public sealed class OutsideFiles : IDisposable
{
    public const string SecretText = "root:$6$hidden-hash:19000:0:99999:7:::";

    private readonly TempDirectory _directory = new();

    public OutsideFiles()
    {
        Secret = _directory.File("shadow", SecretText);
        Directory.CreateDirectory(CheckpointLike);
    }

    /// <summary>An existing, readable file.</summary>
    public string Secret { get; }

    /// <summary>A path beside it that does not exist.</summary>
    public string Missing => Path.Combine(_directory.Path, "absent");

    /// <summary>An existing directory, as a checkpoint or data directory would be.</summary>
    public string CheckpointLike => Path.Combine(_directory.Path, "checkpoint");

    public void Dispose() => _directory.Dispose();
}
