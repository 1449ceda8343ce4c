using HyperSearch.Sdk;
using HyperSearch.Spec;
using HyperSearch.Trainer.Command;

namespace HyperSearch.Tests.Commands;

/// <summary>
/// The command protocol for resumable checkpoints, driven through the command trainer itself: a
/// command saves epoch N's state into $HYPERSEARCH_CHECKPOINT_DIR/epoch-N before printing epoch N's
/// line; the host seals it and reports its path; the next attempt gets HYPERSEARCH_RESUME_FROM and
/// HYPERSEARCH_RESUME_EPOCH and continues from there. (A silo that dies mid-trial is what loses an
/// attempt in production: ClusterResumeTests.)
/// </summary>
public sealed class CommandResumeTests
{
    /// <summary>Saves its epoch as its state; a fresh start dies after epoch 3, a resumed one runs to the end.</summary>
    private const string CrashingScript = """
        e=1
        if [ -n "$HYPERSEARCH_RESUME_FROM" ]; then
          e=$(( $(cat "$HYPERSEARCH_RESUME_FROM/state") + 1 ))
          echo "resumed at $HYPERSEARCH_RESUME_EPOCH" >&2
        fi
        while [ $e -le $HYPERSEARCH_MAX_EPOCHS ]; do
          mkdir -p "$HYPERSEARCH_CHECKPOINT_DIR/epoch-$e"
          echo $e > "$HYPERSEARCH_CHECKPOINT_DIR/epoch-$e/state"
          echo "epoch=$e score=0.$e"
          if [ -z "$HYPERSEARCH_RESUME_FROM" ] && [ $e -eq 3 ]; then echo "power cut" >&2; kill -9 $$; fi
          e=$((e + 1))
        done
        """;

    [Fact]
    public void LostCommand_NextAttemptResumesFromItsLastSealedCheckpoint()
    {
        using var temp = new TempDirectory();
        temp.File("crash.sh", CrashingScript);
        var trainer = Trainer(temp.Path);
        var first = new Recorder();
        var firstCheckpoints = new EpochCheckpoints(Path.Combine(temp.Path, "resume-1"), everyEpochs: 1);

        Assert.ThrowsAny<Exception>(() => trainer.Train(Context(temp.Path, 1, firstCheckpoints), first));

        Assert.Equal([1, 2, 3], first.Epochs.Select(e => e.Epoch));
        Assert.All(first.Epochs, e => Assert.Equal(firstCheckpoints.PathOf(e.Epoch), e.ResumeCheckpoint));
        Assert.Equal(["epoch-2", "epoch-3"], Directory.GetDirectories(firstCheckpoints.Directory).Select(Path.GetFileName).Order());

        // What the sweep hands the next attempt: the reported checkpoints, newest first.
        var resume = EpochCheckpoints.FindUsable(Enumerable.Reverse(first.Epochs).Select(e => (e.ResumeCheckpoint!, e.Epoch)));
        Assert.Equal(3, resume!.Epoch);
        var second = new Recorder();
        var result = trainer.Train(
            Context(temp.Path, 2, new EpochCheckpoints(Path.Combine(temp.Path, "resume-2"), everyEpochs: 1)) with { ResumeFrom = resume }, second);

        Assert.Equal(TrialEnd.Completed, result.End);
        Assert.Equal([4, 5], second.Epochs.Select(e => e.Epoch));
        Assert.Equal([0.4, 0.5], second.Epochs.Select(e => e.Metrics["score"]));
        Assert.Contains("resumed at 3", File.ReadAllText(Path.Combine(temp.Path, "attempt-2", CommandTrainer.LogFile)));
    }

    private static CommandTrainer Trainer(string directory)
    {
        var spec = SpecParser.Parse("""
            name: command-resume
            trainer:
              command: [sh, crash.sh]
              workdir: .
              metrics: [score]
              grace: 2s
            budget: { trials: 1, max_epochs: 5 }
            space:
              x: { value: 1 }
            """, new SpecParseOptions { BaseDirectory = directory });
        var command = spec.Trainer!.Command!;
        return new CommandTrainer(new CommandSettings(command.Arguments, command.WorkingDirectory, command.Environment, command.Schema, command.Grace, command.ReportTimeout));
    }

    private static TrialContext Context(string directory, int attempt, EpochCheckpoints checkpoints) => new(
        $"command-resume/t000#{attempt}", new TrialParameters(new Dictionary<string, object> { ["x"] = 1L }), 5, 7, "cpu",
        Path.Combine(directory, $"attempt-{attempt}"), "score", null, CancellationToken.None)
    {
        Checkpoints = checkpoints,
    };

    private sealed class Recorder : IEpochReporter
    {
        public List<EpochResult> Epochs { get; } = [];

        public TrialDirective Report(EpochResult epoch)
        {
            Epochs.Add(epoch);
            return TrialDirective.Continue;
        }
    }
}
