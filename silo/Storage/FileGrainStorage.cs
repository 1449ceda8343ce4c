using Orleans.Serialization;
using Orleans.Storage;

namespace HyperSearch.Silo.Storage;

/// <summary>
/// Grain state in local files, one per grain, written atomically (temp file + rename), in Orleans'
/// own version-tolerant binary format. It gives the embedded mode durable state with no server;
/// a cluster uses Redis through Orleans' providers instead.
/// </summary>
public sealed class FileGrainStorage(string rootDirectory, Serializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathFor(stateName, grainId);
        if (!File.Exists(path))
        {
            grainState.RecordExists = false;
            return;
        }

        var bytes = await File.ReadAllBytesAsync(path);
        grainState.State = serializer.Deserialize<T>(bytes);
        grainState.ETag = ETagOf(path);
        grainState.RecordExists = true;
    }

    /// <remarks>
    /// Synchronous on purpose: a state file of a few KiB goes to the page cache in tens of
    /// microseconds, while the asynchronous path hops through the thread pool twice, which on a
    /// busy machine cost milliseconds per write (every trial's lease, report and finish waits for one).
    /// </remarks>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            var path = PathFor(stateName, grainId);
            CheckETag(path, grainState.ETag);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp";
            File.WriteAllBytes(temp, serializer.SerializeToArray(grainState.State));
            File.Move(temp, path, overwrite: true);
            grainState.ETag = ETagOf(path);
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathFor(stateName, grainId);
        CheckETag(path, grainState.ETag);
        File.Delete(path);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static void CheckETag(string path, string? expected)
    {
        // Another activation wrote since we read: refuse, so Orleans drops this activation instead
        // of letting it overwrite newer state.
        if (File.Exists(path) && expected is not null && ETagOf(path) != expected)
        {
            throw new InconsistentStateException($"state file {path} changed since it was read", ETagOf(path), expected);
        }
    }

    private static string ETagOf(string path) => File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string PathFor(string stateName, GrainId grainId)
    {
        var key = string.Concat($"{grainId.Type}_{grainId.Key}".Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_'));
        return Path.Combine(rootDirectory, stateName, key + ".bin");
    }
}
