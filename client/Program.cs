using System.CommandLine;
using HyperSearch.Client.Cluster;
using HyperSearch.Client.Commands;
using HyperSearch.Contracts;

var root = new RootCommand("HyperSearch: distributed hyperparameter search for TorchSharp models and your own trainers")
{
    RunCommand.Build(),
    ResumeCommand.Build(),
    ValidateCommand.Build(),
    CheckCommand.Build(),
    StatusCommand.Build(),
    ListCommand.Build(),
    CancelCommand.Build(),
    EnsembleCommand.Build(),
    EvaluateCommand.Build(),
    NewTrainerCommand.Build(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    return ExitCodes.UserError;
}

try
{
    // Our own handlers: user errors print one line each, and Ctrl-C cancels the sweep (RunCommand).
    var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
    return await parsed.InvokeAsync(invocation);
}
catch (UserErrorException e)
{
    foreach (var line in e.Lines)
    {
        Console.Error.WriteLine($"error: {line}");
    }

    return ExitCodes.UserError;
}
catch (StateCorruptException e)
{
    // Stored state that cannot be read (a sweep's files garbled): the message names the file and
    // what to do; data the user must fix, like a bad spec.
    Console.Error.WriteLine($"error: {e.Message}");
    return ExitCodes.UserError;
}
catch (ClusterUnavailableException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return ExitCodes.InternalError;
}
catch (Exception e) when (Environment.GetEnvironmentVariable("HYPERSEARCH_DEBUG") is null)
{
    Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message} (set HYPERSEARCH_DEBUG=1 for the stack trace)");
    return ExitCodes.InternalError;
}
