using System.Globalization;
using Orleans.Serialization;
using Orleans.Storage;

namespace HyperSearch.Silo.Storage;

/// <summary>
/// Grain state in local files, in Orleans' own version-tolerant binary format. It gives the embedded
/// mode durable state with no server; a cluster uses Redis through Orleans' providers instead.
/// Each grain state has two slot files written in turn, each overwritten in place with a sequence
/// number and a hash (<see cref="StateFile"/>): a write cut short by a crash leaves the other slot,
/// one version older, to read. Writing a temp file and renaming it over the old one, as an earlier
/// version did, allocated a new inode per write, which the profile showed as a fifth of the CPU a
/// trial costs. The sequence number is the ETag. A state file of that earlier version ("KEY.bin")
/// is still read.
/// </summary>
public sealed class FileGrainStorage(string rootDirectory, Serializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var basePath = BasePath(stateName, grainId);
        if (Latest(basePath) is var (sequence, payload))
        {
            grainState.State = serializer.Deserialize<T>(payload);
            grainState.ETag = sequence.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else if (File.Exists(basePath + ".bin"))
        {
            grainState.State = serializer.Deserialize<T>(await File.ReadAllBytesAsync(basePath + ".bin"));
            grainState.ETag = "0";
            grainState.RecordExists = true;
        }
        else
        {
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var basePath = BasePath(stateName, grainId);
        var current = CurrentSequence(basePath, grainState.ETag);
        Directory.CreateDirectory(Path.GetDirectoryName(basePath)!);
        var next = current + 1;
        await StateFile.WriteAsync(SlotPath(basePath, next), next, serializer.SerializeToArray(grainState.State));
        grainState.ETag = next.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        File.Delete(basePath + ".bin");
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var basePath = BasePath(stateName, grainId);
        CurrentSequence(basePath, grainState.ETag);
        File.Delete(SlotPath(basePath, 0));
        File.Delete(SlotPath(basePath, 1));
        File.Delete(basePath + ".bin");
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The sequence number stored now, checked against the ETag the caller read: another activation
    /// that wrote since makes this one fail, so Orleans drops it instead of letting it overwrite
    /// newer state. A newer slot counts only if it is whole (a torn one is what a crash left).
    /// </summary>
    private static long CurrentSequence(string basePath, string? expected)
    {
        var peeked = Math.Max(StateFile.PeekSequence(SlotPath(basePath, 0)) ?? 0, StateFile.PeekSequence(SlotPath(basePath, 1)) ?? 0);
        if (expected is null || !long.TryParse(expected, NumberStyles.None, CultureInfo.InvariantCulture, out var read))
        {
            return peeked;
        }

        var current = peeked > read ? Latest(basePath)?.Sequence ?? 0 : peeked;
        if (current != read)
        {
            throw new InconsistentStateException($"state {basePath} changed since it was read", current.ToString(CultureInfo.InvariantCulture), expected);
        }

        return current;
    }

    private static (long Sequence, byte[] Payload)? Latest(string basePath)
    {
        var first = StateFile.Read(SlotPath(basePath, 0));
        var second = StateFile.Read(SlotPath(basePath, 1));
        return first is null ? second : second is null || first.Value.Sequence > second.Value.Sequence ? first : second;
    }

    private static string SlotPath(string basePath, long sequence) => $"{basePath}.{sequence % 2}.state";

    private string BasePath(string stateName, GrainId grainId)
    {
        var key = string.Concat($"{grainId.Type}_{grainId.Key}".Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_'));
        return Path.Combine(rootDirectory, stateName, key);
    }
}
