using HyperSearch.Sdk;
using HyperSearch.Spec;
using HyperSearch.Trainer.Command;

namespace HyperSearch.Tests.Commands;

/// <summary>
/// What a command trial's host does with whatever the process writes and however it ends, driven
/// through the command trainer itself with real processes: long lines, escape sequences, reports
/// past the budget or without the objective, a last report written while stopping, parameters too
/// long for the environment.
/// </summary>
[Collection(MemoryMeasuredCollection.Name)]
public sealed class CommandOutputTests
{
    [Fact]
    public void HugeLine_CostsABoundedBuffer_AndTheFinalReportStillArrives()
    {
        using var temp = new TempDirectory();
        temp.File("huge.py", """
            import sys
            chunk = "x" * (1 << 20)
            for _ in range(120):
                sys.stdout.write(chunk)
            sys.stdout.write("\n")
            sys.stdout.write("epoch=1 score=0.5\n")
            """);
        var recorder = new Recorder();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);

        var result = Trainer(temp.Path, "[/usr/bin/python3, huge.py]").Train(Context(temp.Path, maxEpochs: 1), recorder);

        var grown = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Assert.Equal(TrialEnd.Completed, result.End);
        Assert.Equal([1], recorder.Epochs.Select(e => e.Epoch));
        Assert.True(grown < 64L << 20, $"reading a 120 MB line allocated {grown >> 20} MB");
        var log = Assert.Single(File.ReadAllLines(Path.Combine(temp.Path, "trial", CommandTrainer.LogFile)));
        Assert.EndsWith($"[{(120L << 20) - CappedLineReader.MaxLineBytes} more bytes of this line dropped]", log, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportWrittenWhileStopping_Counts()
    {
        using var temp = new TempDirectory();
        temp.File("last-words.sh", """
            trap 'echo "epoch=2 score=0.7"; exit 0' TERM
            echo "epoch=1 score=0.5"
            while :; do sleep 0.1; done
            """);
        var recorder = new Recorder { StopAfterFirst = true };

        var result = Trainer(temp.Path, "[sh, last-words.sh]").Train(Context(temp.Path, maxEpochs: 3), recorder);

        Assert.Equal(TrialEnd.Stopped, result.End);
        Assert.Equal([1, 2], recorder.Epochs.Select(e => e.Epoch));
        Assert.Equal(2, result.EpochsTrained);
    }

    [Fact]
    public void ObjectiveNeverReported_FailsTheTrialWithTheReason()
    {
        using var temp = new TempDirectory();
        temp.File("typo.sh", "echo 'epoch=1 scor=0.5 train_loss=1.0'\n");

        var error = Assert.Throws<CommandFailedException>(() => Trainer(temp.Path, "[sh, typo.sh]").Train(Context(temp.Path, maxEpochs: 1), new Recorder()));

        Assert.Equal("never reported its objective 'score' (its reports carried: scor, train_loss)", error.Message);
    }

    [Fact]
    public void ReportsPastMaxEpochs_AreRefused()
    {
        using var temp = new TempDirectory();
        temp.File("eager.sh", "for e in 1 2 3 4 5; do echo \"epoch=$e score=0.$e\"; done\n");
        var recorder = new Recorder();

        var result = Trainer(temp.Path, "[sh, eager.sh]").Train(Context(temp.Path, maxEpochs: 3), recorder);

        Assert.Equal(TrialEnd.Completed, result.End);
        Assert.Equal([1, 2, 3], recorder.Epochs.Select(e => e.Epoch));
        Assert.Equal(3, result.EpochsTrained);
        Assert.Contains("hypersearch: report of epoch 5 refused: past max_epochs 3", File.ReadAllLines(Path.Combine(temp.Path, "trial", CommandTrainer.LogFile)));
    }

    [Fact]
    public void EscapeSequences_NeverReachTheNoteTheLogOrTheMetricNames()
    {
        using var temp = new TempDirectory();
        temp.File("escapes.sh", """
            printf '{"epoch": 1, "score": 0.5, "\\u001b[2Jwipe": 1}\n'
            printf 'epoch=2 score=0.6 \033[31mred\033[0m=1\n'
            printf '\033]0;pwned\007\033[1;31mboom\033[0m \033]8;;http://evil\033\\link\033]8;;\033\\\r\n' >&2
            exit 3
            """);
        var recorder = new Recorder();

        var error = Assert.Throws<CommandFailedException>(() => Trainer(temp.Path, "[sh, escapes.sh]").Train(Context(temp.Path, maxEpochs: 3), recorder));

        Assert.Equal("exit code 3 after epoch 2; last output: boom link", error.Message);
        Assert.Equal(["boom link"], File.ReadAllLines(Path.Combine(temp.Path, "trial", CommandTrainer.LogFile)));
        Assert.Equal(["score"], recorder.Epochs[0].Metrics.Keys);
        Assert.Equal(["red", "score"], recorder.Epochs[1].Metrics.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ParametersTooLongForTheEnvironment_ArriveInTheirFile()
    {
        using var temp = new TempDirectory();
        temp.File("long.sh", """
            [ -z "${HYPERSEARCH_PARAMS+set}" ] || { echo "HYPERSEARCH_PARAMS is set" >&2; exit 4; }
            echo "epoch=1 score=$(wc -c < "$HYPERSEARCH_PARAMS_FILE")"
            """);
        var text = new string('a', 300_000);
        var recorder = new Recorder();
        var context = Context(temp.Path, maxEpochs: 1) with { Parameters = new TrialParameters(new Dictionary<string, object> { ["prompt"] = text }) };

        var result = Trainer(temp.Path, "[sh, long.sh]").Train(context, recorder);

        Assert.Equal(TrialEnd.Completed, result.End);
        Assert.Equal(text.Length + """{"prompt":""}""".Length, recorder.Epochs[0].Metrics["score"]);
    }

    private static CommandTrainer Trainer(string directory, string command)
    {
        var spec = SpecParser.Parse($$"""
            name: command-output
            trainer:
              command: {{command}}
              workdir: .
              metrics: [score, train_loss]
              grace: 2s
            budget: { trials: 1, max_epochs: 5 }
            space:
              x: { value: 1 }
            """, new SpecParseOptions { BaseDirectory = directory });
        var c = spec.Trainer!.Command!;
        return new CommandTrainer(new CommandSettings(c.Arguments, c.WorkingDirectory, c.Environment, c.Schema, c.Grace, c.ReportTimeout));
    }

    private static TrialContext Context(string directory, int maxEpochs) => new(
        "command-output/t000#1", new TrialParameters(new Dictionary<string, object> { ["x"] = 1L }), maxEpochs, 7, "cpu",
        Path.Combine(directory, "trial"), "score", null, CancellationToken.None);

    private sealed class Recorder : IEpochReporter
    {
        public List<EpochResult> Epochs { get; } = [];

        /// <summary>Answers the first report with continue, then asks for a stop between reports (a cancel).</summary>
        public bool StopAfterFirst { get; init; }

        public bool StopRequested => StopAfterFirst && Epochs.Count > 0;

        public TrialDirective Report(EpochResult epoch)
        {
            Epochs.Add(epoch);
            return TrialDirective.Continue;
        }
    }
}
