using System.Runtime.InteropServices;
using TorchSharp;

namespace HyperSearch.Trainer.Native;

/// <summary>
/// Loads TorchSharp's native back end once per process, after making it loadable on this system.
/// Call <see cref="Initialize"/> before anything else touches TorchSharp: a failed load cannot be
/// retried in the same process.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _loaded;
    private static int _intraOpThreads;

    /// <summary>Threads libtorch uses inside one operation (set by the last <see cref="Initialize"/>).</summary>
    public static int IntraOpThreads => Volatile.Read(ref _intraOpThreads);

    /// <summary>The library files the first initialization rewrote (empty when none needed it).</summary>
    public static IReadOnlyList<string> PatchedLibraries { get; private set; } = [];

    /// <summary>
    /// Prepares and loads the native libraries (first call only) and sets the intra-op thread count.
    /// Thread-safe; later calls only change the thread count.
    /// </summary>
    /// <exception cref="TorchRuntimeException">The native libraries could not be loaded.</exception>
    public static void Initialize(int intraOpThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOpThreads, 1);
        lock (Gate)
        {
            if (!_loaded)
            {
                PatchedLibraries = LibTorchSharpPatch.ApplyIfNeeded();
                Load();
                _loaded = true;
            }

            Volatile.Write(ref _intraOpThreads, intraOpThreads);
            torch.set_num_threads(intraOpThreads);
        }
    }

    /// <summary>
    /// Initializes with one thread per core unless already initialized, then applies the thread
    /// count to the calling thread: libtorch's OpenMP pool size is per thread once a thread has run
    /// an operation, so each training thread sets it again.
    /// </summary>
    public static void EnsureInitializedOnThisThread()
    {
        // The thread count turns non-zero only after a successful load, so it doubles as the flag.
        var threads = IntraOpThreads;
        if (threads == 0)
        {
            Initialize(Environment.ProcessorCount);
            threads = IntraOpThreads;
        }

        torch.set_num_threads(threads);
    }

    private static void Load()
    {
        // Opening the file ourselves first yields the loader's own reason on failure
        // (e.g. "version `GLIBCXX_3.4.32' not found"); TorchSharp would report only that it found
        // no usable package. Once open, TorchSharp's load by name reuses this handle.
        var library = LibTorchSharpPatch.FindApplicationCopies().FirstOrDefault();
        if (library is not null)
        {
            try
            {
                NativeLibrary.Load(library);
            }
            catch (DllNotFoundException e)
            {
                throw new TorchRuntimeException($"TorchSharp's native library failed to load: {LastLine(e.Message)}", e);
            }
        }

        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            // A real operation proves the library and its dependencies resolved, not just opened.
            using var ones = torch.ones(2);
            using var sum = ones.sum();
            sum.item<float>();
        }
        catch (Exception e)
        {
            // TorchSharp's own message starts with its summary and goes on with a long probe trace.
            throw new TorchRuntimeException($"TorchSharp's native libraries failed to load: {Lines(e.Message)[0]}", e);
        }
    }

    /// <summary>The .NET loader's message ends with the dynamic loader's reason (dlerror).</summary>
    private static string LastLine(string message) => Lines(message)[^1];

    private static string[] Lines(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 0 ? lines : [message];
    }
}
