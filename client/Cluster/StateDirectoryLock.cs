using System.Text.Json;

namespace HyperSearch.Client.Cluster;

/// <summary>
/// An embedded silo's claim on its state directory, so that two processes never write one state
/// file: <see cref="LockFileName"/> held open exclusively for the process's life (an advisory lock
/// the kernel drops however the process ends, so a lock left by a dead process is simply taken),
/// and <see cref="OwnerFileName"/> saying who holds it (<see cref="StateDirectoryOwner"/>), which
/// other processes read: the lock file itself cannot be opened while it is held. The lock file is
/// held open for reading only: a file open for writing would keep the file system from being
/// remounted read-only under a running sweep (tests/HyperSearch.Tests/Hardening/StoreFailureTests.cs).
/// </summary>
public sealed class StateDirectoryLock : IDisposable
{
    public const string LockFileName = "silo.lock";
    public const string OwnerFileName = "silo.owner";

    private readonly FileStream _lock;
    private readonly string _directory;

    private StateDirectoryLock(FileStream stream, string directory)
    {
        _lock = stream;
        _directory = directory;
    }

    /// <summary>The lock on <paramref name="directory"/> (which exists), or null while another process holds it.</summary>
    public static StateDirectoryLock? TryTake(string directory)
    {
        var full = Path.GetFullPath(directory);
        var path = Path.Combine(full, LockFileName);
        if (new FileInfo(path).LinkTarget is not null)
        {
            // Written through, a link could make the owner line land anywhere (state files refuse links too).
            File.Delete(path);
        }

        try
        {
            return new StateDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.None), full);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    /// <summary>Says who holds the lock: written to the owner file (a temporary file, then renamed).</summary>
    public void Publish(StateDirectoryOwner owner)
    {
        var json = JsonSerializer.Serialize(owner);
        var temporary = Path.Combine(_directory, $"{OwnerFileName}.{owner.Pid}.tmp");
        File.WriteAllText(temporary, json);
        File.Move(temporary, Path.Combine(_directory, OwnerFileName), overwrite: true);
    }

    /// <summary>Who holds the lock of <paramref name="directory"/>, as published; null when nothing (readable) is published.</summary>
    public static StateDirectoryOwner? ReadOwner(string directory)
    {
        try
        {
            var owner = JsonSerializer.Deserialize<StateDirectoryOwner>(File.ReadAllText(Path.Combine(Path.GetFullPath(directory), OwnerFileName)));
            return owner is { Pid: > 0, Gateway.Length: > 0 } ? owner : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Lets the directory go: the owner file is removed while the lock is still held, then the lock.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(Path.Combine(_directory, OwnerFileName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The next owner overwrites it.
        }

        _lock.Dispose();
    }
}

/// <summary>The process that holds a state directory: its PID, the gateway its embedded silo listens on, and its trainer slots (0: it trains nothing).</summary>
public sealed record class StateDirectoryOwner(int Pid, string Gateway, int Slots);
