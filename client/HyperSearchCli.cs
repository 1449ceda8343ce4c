using System.CommandLine;
using HyperSearch.Client.Cluster;
using HyperSearch.Client.Commands;
using HyperSearch.Contracts;
using HyperSearch.Paths;
using HyperSearch.Silo.Hosting;

namespace HyperSearch.Client;

/// <summary>
/// The <c>hypersearch</c> command line: parses, runs the command, and turns every failure into an
/// exit code with one line per problem on <paramref name="errors"/> (Program.cs passes the process's
/// stdout and stderr; tests pass their own writers).
/// </summary>
public static class HyperSearchCli
{
    public static RootCommand Build() => new("HyperSearch: distributed hyperparameter search for TorchSharp models and your own trainers")
    {
        RunCommand.Build(),
        ResumeCommand.Build(),
        ValidateCommand.Build(),
        CheckCommand.Build(),
        StatusCommand.Build(),
        ListCommand.Build(),
        SlotsCommand.Build(),
        CancelCommand.Build(),
        EnsembleCommand.Build(),
        EvaluateCommand.Build(),
        NewTrainerCommand.Build(),
        UiCommand.Build(),
        ReportCommand.Build(),
        SiloCommand.Build(),
        RefineCommand.Build(),
        ExtendCommand.Build(),
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (SiloCommand.SiloArguments(args) is { } siloArguments)
        {
            // Passed through whole: the silo's own configuration reads them (SiloCommand).
            return await SiloLauncher.RunAsync(siloArguments, output, errors);
        }

        var parsed = Build().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await errors.WriteLineAsync($"error: {error.Message}");
            }

            return ExitCodes.UserError;
        }

        try
        {
            // Our own handlers: user errors print one line each, and Ctrl-C cancels the sweep (RunCommand).
            var invocation = new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null, Output = output, Error = errors,
            };
            return await parsed.InvokeAsync(invocation);
        }
        catch (UserErrorException e)
        {
            foreach (var line in e.Lines)
            {
                await errors.WriteLineAsync($"error: {line}");
            }

            return ExitCodes.UserError;
        }
        catch (StateCorruptException e)
        {
            // Stored state that cannot be read (a sweep's files garbled): the message names the file and
            // what to do; data the user must fix, like a bad spec.
            await errors.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.UserError;
        }
        catch (PathOutsideRootsException e)
        {
            // A silo refused a path (evaluate's manifest or its checkpoints): the user named it, so a user error.
            await errors.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.UserError;
        }
        catch (ClusterUnavailableException e)
        {
            await errors.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.InternalError;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("HYPERSEARCH_DEBUG") is null)
        {
            await errors.WriteLineAsync($"internal error: {e.GetType().Name}: {e.Message} (set HYPERSEARCH_DEBUG=1 for the stack trace)");
            return ExitCodes.InternalError;
        }
    }
}
