using System.Globalization;
using HyperSearch.Contracts;
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
/// is still read. A record that exists but cannot be read in any copy throws
/// <see cref="StateCorruptException"/>: it is never reported as absent.
/// </summary>
public sealed class FileGrainStorage(string rootDirectory, Serializer serializer) : IGrainStorage, IStateCatalog
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (await ReadRecordAsync<T>(BasePath(stateName, grainId)) is var (state, sequence))
        {
            grainState.State = state;
            grainState.ETag = sequence.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.RecordExists = false;
        }
    }

    public async Task<IReadOnlyList<T>> ReadAllAsync<T>(string stateName, Action<StateCorruptException> onUnreadable)
    {
        var directory = Path.Combine(rootDirectory, stateName);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var basePaths = Directory.EnumerateFiles(directory)
            .Select(BasePathOf)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var records = new List<T>();
        foreach (var basePath in basePaths)
        {
            try
            {
                if (await ReadRecordAsync<T>(basePath) is var (state, _))
                {
                    records.Add(state);
                }
            }
            catch (StateCorruptException e)
            {
                onUnreadable(e);
            }
        }

        return records;
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

        var current = peeked > read ? NewestWholeSequence(basePath) : peeked;
        if (current != read)
        {
            throw new InconsistentStateException($"state {basePath} changed since it was read", current.ToString(CultureInfo.InvariantCulture), expected);
        }

        return current;
    }

    /// <summary>
    /// The newest copy of the record that reads whole, with its sequence number; null when none was
    /// ever stored (no slot, no legacy file). A slot that fails its check or whose payload does not
    /// deserialize gives way to the other, one version older; when no copy is left the record is
    /// corrupt, which is an error, never "absent": absent would start the grain over and silently
    /// forget what was stored (a sweep would rerun its finished trials).
    /// </summary>
    private async Task<(T State, long Sequence)?> ReadRecordAsync<T>(string basePath)
    {
        var slots = new[] { StateFile.Read(SlotPath(basePath, 0)), StateFile.Read(SlotPath(basePath, 1)) };
        var problems = new List<string>();
        foreach (var index in new[] { 0, 1 }.Where(i => slots[i].Kind == StateSlotKind.Whole).OrderByDescending(i => slots[i].Sequence))
        {
            if (TryDeserialize<T>(slots[index].Payload, out var state, out var problem))
            {
                return (state, slots[index].Sequence);
            }

            problems.Add($".{index}: {problem}");
        }

        problems.AddRange(new[] { 0, 1 }.Where(i => slots[i].Kind == StateSlotKind.Corrupt).Select(i => $".{i}: {slots[i].Problem}"));

        // A state file of the earlier version: the record before the first slot was written (the
        // write that completes deletes it). It has no hash; a payload that does not deserialize is
        // all there is to catch its damage.
        var legacy = basePath + ".bin";
        if (StateFile.NotAFile(legacy) is { } notLegacy && notLegacy != "missing")
        {
            problems.Add($".bin: {notLegacy}, not a state file");
        }
        else if (File.Exists(legacy))
        {
            if (TryDeserialize<T>(await File.ReadAllBytesAsync(legacy), out var legacyState, out var legacyProblem))
            {
                return (legacyState, 0);
            }

            problems.Add($".bin: {legacyProblem}");
        }

        if (problems.Count == 0)
        {
            return null;
        }

        var present = new[] { 0, 1 }.Where(i => slots[i].Kind != StateSlotKind.Missing).Select(i => SlotPath(basePath, i)).ToList();
        var files = present.Count switch
        {
            0 => legacy,
            1 => present[0],
            _ => $"{basePath}.{{0,1}}.state",
        };
        var copies = problems.Count switch
        {
            1 => "its only copy",
            2 => "both copies",
            var n => $"all {n} copies",
        };
        throw new StateCorruptException(files, $"state file {files} is corrupt ({copies}: {string.Join("; ", problems.Order(StringComparer.Ordinal))})");
    }

    private bool TryDeserialize<T>(byte[] payload, out T state, out string problem)
    {
        try
        {
            state = serializer.Deserialize<T>(payload)!;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The serializer's exceptions on bad input are of many types (its own, EndOfStream,
            // InvalidCast...): any failure here means these bytes are not a stored T.
            state = default!;
            problem = $"payload does not deserialize: {e.Message.ReplaceLineEndings(" ")}";
            return false;
        }

        // No grain stores a null state: a null read is damage that happened to decode.
        problem = state is null ? "payload deserializes to nothing" : "";
        return state is not null;
    }

    /// <summary>The sequence number of the newest slot that passes its check; 0 when none does.</summary>
    private static long NewestWholeSequence(string basePath) => new[] { StateFile.Read(SlotPath(basePath, 0)), StateFile.Read(SlotPath(basePath, 1)) }
        .Where(slot => slot.Kind == StateSlotKind.Whole)
        .Select(slot => slot.Sequence)
        .DefaultIfEmpty(0)
        .Max();

    /// <summary>The record a state file belongs to ("DIR/KEY" of "DIR/KEY.0.state" or "DIR/KEY.bin"); null for any other file.</summary>
    private static string? BasePathOf(string file) =>
        file.EndsWith(".0.state", StringComparison.Ordinal) || file.EndsWith(".1.state", StringComparison.Ordinal) ? file[..^".0.state".Length]
        : file.EndsWith(".bin", StringComparison.Ordinal) ? file[..^".bin".Length]
        : null;

    private static string SlotPath(string basePath, long sequence) => $"{basePath}.{sequence % 2}.state";

    private string BasePath(string stateName, GrainId grainId)
    {
        var key = string.Concat($"{grainId.Type}_{grainId.Key}".Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_'));
        return Path.Combine(rootDirectory, stateName, key);
    }
}
