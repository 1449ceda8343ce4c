using HyperSearch.Contracts;
using HyperSearch.Spec;
using HyperSearch.Sweeps;
using HyperSearch.Tests.Cluster;

namespace HyperSearch.Tests.UserCode;

/// <summary>
/// User code is opt-in on a cluster silo (silo/Trainers/UserCodePolicy.cs): without AllowCommands
/// and AllowPlugins a spec that brings a program or a plugin is refused with one line naming the
/// setting, at the check and again at the trial (a client that skips the check); with an allow-list
/// only the programs on it run.
/// </summary>
public sealed class UserCodeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ClusterSilo_RefusesCommandsAndPlugins_UnlessAllowed_WithOneLineNamingTheSetting()
    {
        using var temp = new TempDirectory();
        using var silo = await SiloProcess.StartAsync("closed", redis: null, temp.Path);
        var command = temp.File("command.yaml", CommandSpec("[sh, -c, \"echo epoch=1 score={x}\"]"));
        var plugin = temp.File("plugin.yaml", """
            name: plugin
            trainer: { plugin: trainers/Any.dll, type: Any.Trainer }
            objective: { metric: score, mode: max }
            budget: { trials: 1, max_epochs: 1 }
            space:
              x: { value: 0.5 }
            """);

        var run = await Cli.RunAsync(temp.Path, Timeout, "run", command, "--gateway", silo.Gateway);
        var validate = await Cli.RunAsync(temp.Path, Timeout, "validate", plugin, "--gateway", silo.Gateway);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            ["error: trainer.command: this silo runs no command trials; its operator allows them with the setting AllowCommands (--allow-commands PROGRAMS, or HYPERSEARCH_AllowCommands)"],
            run.ErrorLines);
        Assert.Equal(2, validate.ExitCode);
        Assert.Equal(
            ["error: trainer.plugin: this silo loads no plugins; its operator allows them with the setting AllowPlugins (--allow-plugins DIRECTORIES, or HYPERSEARCH_AllowPlugins)"],
            validate.ErrorLines);
    }

    [Fact]
    public async Task AllowList_RunsTheProgramsOnIt_AndRefusesOthers()
    {
        using var temp = new TempDirectory();
        using var silo = await SiloProcess.StartAsync("python-only", redis: null, temp.Path, extraArgs: ["--allow-commands", "/usr/bin/python3"]);
        var shell = temp.File("shell.yaml", CommandSpec("[sh, -c, \"echo epoch=1 score={x}\"]"));
        var python = temp.File("python.yaml", CommandSpec("[/usr/bin/python3, -c, \"print('epoch=1 score={x}')\"]"));

        var refused = await Cli.RunAsync(temp.Path, Timeout, "run", shell, "--gateway", silo.Gateway);
        var ran = await Cli.RunAsync(temp.Path, Timeout, "run", python, "--gateway", silo.Gateway);

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(["error: trainer.command: program 'sh' is not one this silo runs (setting AllowCommands: /usr/bin/python3)"], refused.ErrorLines);
        Assert.True(ran.ExitCode == 0, ran.StdErr + ran.StdOut + silo.Log);
        Assert.Contains(ran.OutLines, l => l.Contains("completed after 1 epoch(s) score=0.5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SweepStartedWithoutTheCheck_FailsItsTrialNamingTheSetting()
    {
        using var temp = new TempDirectory();
        await using var silo = await TestSilo.StartAsync("closed", slots: 1, temp.Path, configure: s => s.AllowCommands = null);
        var sweep = silo.Grains.GetGrain<ISweepGrain>("unchecked");

        await sweep.Start(SpecParser.Parse(CommandSpec("[sh, -c, \"echo epoch=1 score={x}\"]"), new SpecParseOptions { BaseDirectory = temp.Path }));
        var snapshot = await SweepWaiter.WaitFinishedAsync(sweep, Timeout);

        var trial = Assert.Single(snapshot.Trials);
        Assert.Equal(TrialStatus.Failed, trial.Status);
        Assert.Contains("setting AllowCommands", trial.Message);
    }

    private static string CommandSpec(string command) => $$"""
        name: user-code
        trainer: { command: {{command}}, metrics: [score] }
        budget: { trials: 1, max_epochs: 1 }
        space:
          x: { value: 0.5 }
        """;
}
