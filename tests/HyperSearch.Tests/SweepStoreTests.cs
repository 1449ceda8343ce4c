using HyperSearch.Silo.Storage;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using Orleans.Storage;

namespace HyperSearch.Tests;

public sealed class SweepStoreTests
{
    private static readonly GrainId Sweep = GrainId.Create("sweep", "s1");

    [Fact]
    public async Task Write_StoresOnlyThePagesThatChanged_AndReadsTheTableBack()
    {
        var storage = new MemoryStorage();
        var store = new SweepStore(storage, Sweep);
        var state = StateWith(100);

        await store.WriteAsync(state);
        Assert.Equal(4, storage.Writes.Count(w => w.State == "sweep-trials"));

        storage.Writes.Clear();
        state.Trials[70] = state.Trials[70] with { Status = TrialStatus.Completed };
        state.Revision++;
        await store.WriteAsync(state);
        Assert.Equal(["sweep-trials:s1.2", "sweep:s1"], storage.Writes.Select(w => $"{w.State}:{w.Key}"));

        var read = await new SweepStore(storage, Sweep).ReadAsync();
        Assert.NotNull(read);
        Assert.Equal(state.Revision, read.Revision);
        Assert.Equal(state.Trials.Select(t => (t.Number, t.Status)), read.Trials.Select(t => (t.Number, t.Status)));
    }

    [Fact]
    public async Task Read_TakesTheWholeTableFromAHeaderOfAnEarlierVersion()
    {
        var storage = new MemoryStorage();
        var legacy = StateWith(40);
        await storage.WriteStateAsync("sweep", Sweep, new GrainState<SweepState>(legacy));

        var store = new SweepStore(storage, Sweep);
        var read = await store.ReadAsync();
        Assert.Equal(40, read!.Trials.Count);

        await store.WriteAsync(read);
        var header = storage.Values[("sweep", Sweep)] as SweepState;
        Assert.Empty(header!.Trials);
        Assert.Equal(40, (await new SweepStore(storage, Sweep).ReadAsync())!.Trials.Count);
    }

    [Fact]
    public async Task Read_ReturnsNullForASweepNeverStored() =>
        Assert.Null(await new SweepStore(new MemoryStorage(), Sweep).ReadAsync());

    [Fact]
    public async Task GroupCommit_SharesOneWriteAmongTheRequestsMadeDuringAWrite()
    {
        var writes = 0;
        var gate = new TaskCompletionSource();
        var commit = new GroupCommit(async () =>
        {
            Interlocked.Increment(ref writes);
            await gate.Task;
        });

        var first = commit.RequestAsync();
        var second = commit.RequestAsync();
        var third = commit.RequestAsync();
        Assert.Same(second, third);
        Assert.False(first.IsCompleted);

        gate.SetResult();
        await Task.WhenAll(first, second, third).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(2, writes);
    }

    private static SweepState StateWith(int trials)
    {
        var spec = SpecParser.Parse("""
            name: store
            data: { dataset: synthetic }
            objective: { metric: val_accuracy, mode: max }
            budget: { trials: 1000, max_epochs: 1 }
            search: { strategy: random, seed: 3 }
            space:
              lr: { loguniform: [1.0e-5, 1.0e-1] }
            """);
        var state = SweepBook.NewState("s1", spec, DateTime.UtcNow);
        for (var i = 0; i < trials; i++)
        {
            state.Trials.Add(TrialRecord.CreatePending(i, new Dictionary<string, ParamValue> { ["lr"] = ParamValue.Of(1e-3) }));
        }

        return state;
    }

    private sealed class MemoryStorage : IGrainStorage
    {
        public Dictionary<(string, GrainId), object> Values { get; } = [];

        public List<(string State, string Key)> Writes { get; } = [];

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            grainState.RecordExists = Values.TryGetValue((stateName, grainId), out var value);
            if (grainState.RecordExists)
            {
                grainState.State = (T)value!;
            }

            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (Writes)
            {
                Values[(stateName, grainId)] = grainState.State!;
                Writes.Add((stateName, grainId.Key.ToString()!));
            }

            grainState.RecordExists = true;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
    }
}
