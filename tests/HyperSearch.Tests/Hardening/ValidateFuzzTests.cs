using CsCheck;
using HyperSearch.Client;

namespace HyperSearch.Tests.Hardening;

/// <summary>
/// Thousands of mutated specs and flag sets through the real command line (<see cref="HyperSearchCli"/>,
/// in this process so it runs fast): <c>validate</c> must answer 0 (valid) or 2 (user error) with a
/// few short lines, never 1 (an internal error: a crash the user cannot act on), never hang.
/// </summary>
public sealed class ValidateFuzzTests
{
    private const int MaxErrorLines = 12;
    private const int MaxLineLength = 600;

    /// <summary>Valid specs the mutations start from: the built-in trainer with data, a grid, a command trainer.</summary>
    private static readonly string[] Seeds =
    [
        """
        name: fuzz-quick
        data: { dataset: fashion-mnist, train_subset: 1000, validation: 500 }
        objective: { metric: val_accuracy, mode: max }
        budget: { trials: 4, max_epochs: 2, parallelism: 2, time_limit: 10m }
        search: { strategy: random, seed: 42 }
        scheduler: { type: asha, grace_epochs: 1, reduction_factor: 2 }
        space:
          lr: { loguniform: [1.0e-4, 1.0e-1] }
          optimizer: { choice: [sgd, momentum, adam] }
          momentum: { uniform: [0.5, 0.99], when: { optimizer: [momentum] } }
          hidden: { choice: [[256], [512, 256]] }
          dropout: { uniform: [0.0, 0.3] }
        ensemble: { top_k: 3, method: greedy }
        """,
        """
        name: fuzz-grid
        data:
          dataset: fashion-mnist
          validation: 500
        budget:
          trials: 9
          max_epochs: 1
        search:
          strategy: grid
          grid_points: 3
        space:
          lr:
            loguniform: [1.0e-3, 1.0e-1]
          weight_decay:
            loguniform: [1.0e-6, 1.0e-3]
        """,
        """
        name: fuzz-command
        trainer:
          command: [sh, -c, "echo epoch=1 score={x}", "{max_epochs}"]
          workdir: .
          metrics: [score, { name: err, goal: min }]
          grace: 2s
          report_timeout: 1m
        objective: { metric: score }
        budget: { trials: 3, max_epochs: 1 }
        search: { strategy: tpe, seed: 1, startup_trials: 2 }
        space:
          x: { uniform: [0, 1] }
          n: { int: [1, 10] }
        """,
    ];

    /// <summary>Values a mutation puts where a scalar was: wrong types, extremes, YAML syntax, paths, huge text.</summary>
    private static readonly string[] Tokens =
    [
        "0", "-1", "2147483648", "99999999999999999999", "1e309", "-1e309", ".nan", ".inf", "1.5", "0x10", "true", "~", "null",
        "\"\"", "''", "[", "]", "{", "}", "[]", "{}", "[1, 2", "{ a: 1", ": :", "- -", "&a x", "*a", "*nope", "!!binary AAAA", "!!python/object x",
        "|", ">", "\"\\u0000\"", "\t", "%YAML 1.2", "---", "...", "{x}", "{max_epochs}", "{", "}}", "../../../../etc/passwd", "/etc/shadow",
        "/dev/zero", "/proc/self/mem", "cuda:9", "loguniform", "[0, 0]", "[1, 0]", "[-1, 1]", "[.nan, 1]", "{ uniform: [0, 1], when: { x: [1] } }",
        "{ choice: [] }", "{ value: [] }", "{ int: [1, 100000000000] }", new string('x', 5_000), string.Concat(Enumerable.Repeat("[", 200)),
        "ünïcödé", "\"a\nb\"", "1m", "-5s", "99999h", "10000000", "100000000",
    ];

    private static readonly string[] Flags = ["--json", "--gateway", "--slots", "--state-dir", "--verbose", "-h", "--", "-", "--unknown", "extra.yaml", "--gateway=", "--gateway=host", "--gateway=:", "--gateway=a:b", "--gateway=x:0", "--gateway=1.2.3.4:99999"];

    [Fact]
    public void Validate_AnswersEveryMutatedSpecAndFlagSetWithZeroOrTwoAndAFewLines()
    {
        using var temp = new TempDirectory();
        var cases = 0;
        var exitCodes = new int[3];
        Generator().Sample(
            fuzzCase =>
            {
                var path = Path.Combine(temp.Path, $"spec-{Environment.CurrentManagedThreadId}.yaml");
                File.WriteAllText(path, fuzzCase.Spec);
                var output = new StringWriter();
                var errors = new StringWriter();
                var run = HyperSearchCli.RunAsync(["validate", path, .. fuzzCase.Flags], output, errors);
                Assert.True(run.Wait(TimeSpan.FromSeconds(20)), $"validate hung on:\n{fuzzCase}");
                var exitCode = run.Result;
                var lines = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.True(exitCode is 0 or 2, $"exit {exitCode}: {errors}\nfor:\n{fuzzCase}");
                Assert.True(lines.Length <= MaxErrorLines, $"{lines.Length} error lines:\n{errors}\nfor:\n{fuzzCase}");
                Assert.All(lines, line => Assert.True(line.Length <= MaxLineLength, $"a {line.Length}-character line: {line[..Math.Min(200, line.Length)]}...\nfor:\n{fuzzCase}"));
                Assert.True(exitCode == 0 ? lines.Length == 0 : lines.Length > 0, $"exit {exitCode} with errors '{errors}'");
                exitCodes[exitCode]++;
                cases++;
            },
            iter: 2_000,
            threads: 1);

        Assert.Equal(2_000, cases);
        // Both answers occur: the mutations are neither all harmless nor all fatal.
        Assert.True(exitCodes[0] > 50 && exitCodes[2] > 500, $"exit 0: {exitCodes[0]}, exit 2: {exitCodes[2]}");
    }

    private static Gen<FuzzCase> Generator() =>
        from seed in Gen.Int[0, Seeds.Length - 1]
        from mutations in Gen.Int[0, 4].Array[0, 3]
        from picks in Gen.Int[0, 1_000_000].Array[8]
        from flags in Gen.Int[0, Flags.Length - 1].Array[0, 3]
        select new FuzzCase(Mutate(Seeds[seed], mutations, picks), flags.Select(i => Flags[i]).ToArray());

    /// <summary>Applies each mutation (0 replace a value, 1 delete a line, 2 duplicate a line, 3 cut the text, 4 insert a token line) at positions from <paramref name="picks"/>.</summary>
    private static string Mutate(string spec, int[] mutations, int[] picks)
    {
        var lines = spec.Split('\n').ToList();
        var next = 0;
        int Pick(int count) => count == 0 ? 0 : picks[next++ % picks.Length] % count;
        foreach (var mutation in mutations)
        {
            var line = Pick(lines.Count);
            switch (mutation)
            {
                case 0:
                    var colon = lines[line].IndexOf(':');
                    if (colon >= 0)
                    {
                        lines[line] = lines[line][..(colon + 1)] + " " + Tokens[Pick(Tokens.Length)];
                    }

                    break;
                case 1:
                    lines.RemoveAt(line);
                    break;
                case 2:
                    lines.Insert(line, lines[line]);
                    break;
                case 3:
                    var text = string.Join('\n', lines);
                    lines = text[..Pick(text.Length)].Split('\n').ToList();
                    break;
                default:
                    lines.Insert(line, new string(' ', Pick(4) * 2) + Tokens[Pick(Tokens.Length)]);
                    break;
            }

            if (lines.Count == 0)
            {
                lines.Add(string.Empty);
            }
        }

        return string.Join('\n', lines);
    }

    private sealed record class FuzzCase(string Spec, string[] Flags)
    {
        public override string ToString() => $"flags: {string.Join(' ', Flags)}\n{Spec}";
    }
}
