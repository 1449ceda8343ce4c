using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace HyperSearch.Sdk;

/// <summary>
/// The manifest that makes a directory of saved files a resumable checkpoint: the epoch, and each
/// file's size and SHA-256. Written last, so a checkpoint whose writer died part way has none; read
/// first, so a truncated or altered file (a disk fault, a copy cut short) is caught before a
/// trainer loads it, and an older checkpoint is used instead.
/// </summary>
public static class CheckpointSeal
{
    /// <summary>The manifest's file name inside a checkpoint directory.</summary>
    public const string ManifestFile = "resume.json";

    private const int Format = 1;

    /// <summary>
    /// Hashes every file in <paramref name="directory"/>, flushes each to disk, then writes the
    /// manifest (to a temporary name, flushed, renamed), so the manifest never names data that a
    /// power cut could still lose.
    /// </summary>
    public static void Seal(string directory, int epoch)
    {
        var files = new List<SealedFile>();
        foreach (var path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name == ManifestFile || name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                continue;
            }

            // Read-write, because .NET flushes to disk only handles it may write through.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            stream.Flush(flushToDisk: true);
            files.Add(new SealedFile(name, stream.Length, hash));
        }

        var manifest = new SealManifest(Format, epoch, [.. files]);
        var temporary = Path.Combine(directory, ManifestFile + ".tmp");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, manifest);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path.Combine(directory, ManifestFile), overwrite: true);
    }

    /// <summary>
    /// Null when <paramref name="directory"/> is a whole checkpoint of <paramref name="epoch"/>;
    /// otherwise why not (no manifest, a missing, truncated or altered file, another epoch).
    /// </summary>
    public static string? Verify(string directory, int epoch)
    {
        var manifestPath = Path.Combine(directory, ManifestFile);
        SealManifest? manifest;
        try
        {
            using var stream = File.OpenRead(manifestPath);
            manifest = JsonSerializer.Deserialize<SealManifest>(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return $"no readable {ManifestFile} ({e.GetType().Name})";
        }

        if (manifest is not { Format: Format, Files: not null } || manifest.Epoch != epoch)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ManifestFile} is not a checkpoint of epoch {epoch}");
        }

        foreach (var file in manifest.Files)
        {
            if (file.Name is null || file.Name != Path.GetFileName(file.Name))
            {
                return $"{ManifestFile} names a file outside its directory";
            }

            var path = Path.Combine(directory, file.Name);
            try
            {
                using var stream = File.OpenRead(path);
                if (stream.Length != file.Bytes)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{file.Name} has {stream.Length} bytes, {file.Bytes} were saved");
                }

                if (Convert.ToHexStringLower(SHA256.HashData(stream)) != file.Sha256)
                {
                    return $"{file.Name} does not match its hash";
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"{file.Name} cannot be read ({e.GetType().Name})";
            }
        }

        return null;
    }

    private sealed record class SealManifest(int Format, int Epoch, SealedFile[] Files);

    private sealed record class SealedFile(string Name, long Bytes, string Sha256);
}
