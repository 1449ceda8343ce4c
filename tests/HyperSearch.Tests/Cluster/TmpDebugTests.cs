using HyperSearch.Client.Cluster;
using HyperSearch.Contracts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Tests.Cluster;

public sealed class TmpDebugTests
{
    [Fact]
    public async Task Debug_KillSilo()
    {
        using var temp = new TempDirectory();
        using var redis = await RedisServer.StartAsync(temp.Path);
        using var s1 = await SiloProcess.StartAsync("s1", redis.Connection, temp.Path);
        using var s2 = await SiloProcess.StartAsync("s2", redis.Connection, temp.Path);
        using var s3 = await SiloProcess.StartAsync("s3", redis.Connection, temp.Path);
        try
        {
            await using var client = await ClusterConnection.ConnectAsync($"{s1.Gateway},{s2.Gateway}", TestContext.Current.CancellationToken);
            var sweep = client.Grains.GetGrain<ISweepGrain>("kill-a-silo");
            await sweep.Start(SpecParser.Parse(Specs.SmallYaml(6, epochs: 3).Replace("train_subset: 1000", "train_subset: 20000")));
            while (true)
            {
                var s = await Resilient.CallAsync(sweep.GetSnapshot, TestContext.Current.CancellationToken);
                if (s.Trials.Any(t => t.Status == TrialStatus.Running && t.SlotId!.StartsWith("s3/") && t.Epochs.Length >= 1))
                {
                    break;
                }

                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            s3.Kill();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            SweepSnapshot snap;
            do
            {
                await Task.Delay(500, TestContext.Current.CancellationToken);
                snap = await Resilient.CallAsync(sweep.GetSnapshot, TestContext.Current.CancellationToken);
            }
            while (!snap.IsFinished && DateTime.UtcNow < deadline);

            File.WriteAllText("/tmp/oh_dbg_snap.txt", string.Join("\n", snap.Trials.Select(t => $"{t.TrialId} {t.Status} a{t.Attempt} {string.Join(",", t.SlotHistory)} e[{string.Join(",", t.Epochs.Select(e => e.Epoch))}] {t.Message}")));
        }
        finally
        {
            File.WriteAllText("/tmp/oh_dbg_s1.txt", s1.Log);
            File.WriteAllText("/tmp/oh_dbg_s2.txt", s2.Log);
            File.WriteAllText("/tmp/oh_dbg_s3.txt", s3.Log);
        }
    }
}
