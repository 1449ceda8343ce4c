using HyperSearch.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace HyperSearch.Tests.Hardening;

/// <summary>
/// Files planted in the state directory: a slot replaced by a symbolic link is never written through
/// (its target stays as it was), and a FIFO, which would block a reader for ever, is a corrupt copy
/// reported in one line.
/// </summary>
public sealed class StateLinkTests
{
    private static readonly GrainId Grain = GrainId.Create("sweep", "s1");
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public async Task SlotReplacedByALink_IsRecoveredFromTheOtherCopy_ButNeverWrittenThrough()
    {
        using var temp = new TempDirectory();
        var storage = new FileGrainStorage(Path.Combine(temp.Path, "state"), Serializer);
        var state = new GrainState<string> { State = "one" };
        await storage.WriteStateAsync("sweep", Grain, state); // slot 1
        state.State = "two";
        await storage.WriteStateAsync("sweep", Grain, state); // slot 0, the newest
        var victim = temp.File("victim.txt", "not the silo's to write");
        var slot = Path.Combine(temp.Path, "state", "sweep", "sweep_s1.0.state");
        File.Delete(slot);
        File.CreateSymbolicLink(slot, victim);

        var read = new GrainState<string>();
        var reader = new FileGrainStorage(Path.Combine(temp.Path, "state"), Serializer);
        await reader.ReadStateAsync("sweep", Grain, read);
        read.State = "three";
        var refused = await Assert.ThrowsAsync<IOException>(() => reader.WriteStateAsync("sweep", Grain, read));

        Assert.Equal("one", (await ReadAsync(temp)).State);
        Assert.Contains("symbolic link", refused.Message, StringComparison.Ordinal);
        Assert.Equal("not the silo's to write", File.ReadAllText(victim));
        Assert.NotNull(new FileInfo(slot).LinkTarget);
    }

    [Fact]
    public async Task ADanglingLinkInPlaceOfAMissingSlot_IsNotFollowedToCreateItsTarget()
    {
        using var temp = new TempDirectory();
        var storage = new FileGrainStorage(Path.Combine(temp.Path, "state"), Serializer);
        var state = new GrainState<string> { State = "one" };
        await storage.WriteStateAsync("sweep", Grain, state); // slot 1; slot 0 is next
        var target = Path.Combine(temp.Path, "created-elsewhere");
        File.CreateSymbolicLink(Path.Combine(temp.Path, "state", "sweep", "sweep_s1.0.state"), target);

        state.State = "two";
        await Assert.ThrowsAsync<IOException>(() => storage.WriteStateAsync("sweep", Grain, state));

        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Report_WithFifosForStateFiles_IsOneLineNotAHang()
    {
        using var temp = new TempDirectory();
        var sweeps = Directory.CreateDirectory(Path.Combine(temp.Path, "state", "sweep")).FullName;
        foreach (var slot in new[] { 0, 1 })
        {
            Assert.Equal(0, (await Cli.RunProcessAsync(temp.Path, TimeSpan.FromSeconds(30), "mkfifo", Path.Combine(sweeps, $"sweep_planted.{slot}.state"))).ExitCode);
        }

        var result = await Cli.RunAsync(temp.Path, TimeSpan.FromSeconds(90), "report", "planted", "--output", Path.Combine(temp.Path, "r.html"), "--state-dir", Path.Combine(temp.Path, "state"));

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.StdErr}");
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("not a regular file", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", result.StdErr, StringComparison.Ordinal);
    }

    private static async Task<GrainState<string>> ReadAsync(TempDirectory temp)
    {
        var read = new GrainState<string>();
        await new FileGrainStorage(Path.Combine(temp.Path, "state"), Serializer).ReadStateAsync("sweep", Grain, read);
        return read;
    }
}
