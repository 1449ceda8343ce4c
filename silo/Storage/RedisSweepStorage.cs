using HyperSearch.Contracts;
using Orleans.Storage;
using StackExchange.Redis;

namespace HyperSearch.Silo.Storage;

/// <summary>
/// Orleans' own Redis grain storage with what the state files have (<see cref="FileGrainStorage"/>):
/// a value that is there but cannot be read (garbled, the wrong shape, not a hash) is a
/// <see cref="StateCorruptException"/>, never read as absent nor as an outage; and the storage can
/// list what it holds (<see cref="IStateCatalog"/>, by SCAN over Orleans' keys,
/// <c>{ServiceId}/state/{grain type}/{grain key}/{state name}</c>), so the sweep registry is rebuilt
/// from the sweeps' headers when its own record is lost or garbled. Reads and writes go through
/// Orleans' provider as before; only a failed or empty read, and a listing, look at the raw value.
/// </summary>
public sealed class RedisSweepStorage(IGrainStorage inner, IGrainStorageSerializer serializer, ConfigurationOptions redis, string serviceId)
    : IGrainStorage, IStateCatalog, IDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => ConnectionMultiplexer.ConnectAsync(redis));

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await inner.ReadStateAsync(stateName, grainId, grainState);
        }
        catch (Exception e) when (e is not InconsistentStateException)
        {
            // An outage and a garbled value fail alike there: tell them apart by reading the value.
            await ThrowIfGarbledAsync<T>(Key(stateName, grainId));
            throw;
        }

        if (!grainState.RecordExists)
        {
            // Orleans reads a hash without exactly its two fields as absent: a sweep would start over.
            await ThrowIfGarbledAsync<T>(Key(stateName, grainId));
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public async Task<IReadOnlyList<T>> ReadAllAsync<T>(string stateName, Action<StateCorruptException> onUnreadable)
    {
        var connection = await _connection.Value;
        var records = new List<T>();
        var pattern = $"{serviceId}/state/*/{stateName}";
        foreach (var server in connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(connection.GetDatabase().Database, pattern, pageSize: 1000))
            {
                try
                {
                    if (await ReadValueAsync<T>(connection, key) is { } record)
                    {
                        records.Add(record);
                    }
                }
                catch (StateCorruptException e)
                {
                    onUnreadable(e);
                }
            }
        }

        return records;
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            _connection.Value.Result.Dispose();
        }
    }

    /// <summary>Orleans' key of a grain's state (its provider's default).</summary>
    private string Key(string stateName, GrainId grainId) => $"{serviceId}/state/{grainId.Type}/{grainId.Key}/{stateName}";

    private async Task ThrowIfGarbledAsync<T>(string key)
    {
        ConnectionMultiplexer connection;
        try
        {
            connection = await _connection.Value;
            _ = await ReadValueAsync<T>(connection, key);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Redis cannot be reached: the caller's own error stands.
        }
    }

    /// <summary>The record stored at <paramref name="key"/>; default when there is none (or it was cleared).</summary>
    /// <exception cref="StateCorruptException">A value is there and cannot be read as Orleans writes it.</exception>
    private async Task<T?> ReadValueAsync<T>(ConnectionMultiplexer connection, RedisKey key)
    {
        var database = connection.GetDatabase();
        var type = await database.KeyTypeAsync(key);
        if (type == RedisType.None)
        {
            return default;
        }

        if (type != RedisType.Hash)
        {
            throw Corrupt(key, $"a {type.ToString().ToLowerInvariant()}, not a hash");
        }

        var fields = await database.HashGetAllAsync(key);
        var names = fields.Select(f => (string)f.Name!).Order(StringComparer.Ordinal).ToArray();
        if (names is not ["data", "etag"])
        {
            throw Corrupt(key, $"fields {string.Join(", ", names)}; expected data and etag");
        }

        byte[] data = fields.Single(f => f.Name == "data").Value!;
        if (data.Length == 0)
        {
            return default;
        }

        try
        {
            return serializer.Deserialize<T>(new BinaryData(data));
        }
        catch (Exception e)
        {
            throw Corrupt(key, $"its data does not deserialize: {e.GetType().Name}");
        }
    }

    private static StateCorruptException Corrupt(RedisKey key, string problem) =>
        new($"redis:{key}", $"Redis value {key} is corrupt ({problem}); restore it from a backup, or delete the key to drop the record");
}
