using System.CommandLine;
using HyperSearch.Explorer.Hosting;

namespace HyperSearch.Client.Commands;

/// <summary><c>hypersearch report SWEEP --output report.html</c>: the explorer's sweep page as one self-contained file.</summary>
public static class ReportCommand
{
    private static readonly Argument<string> SweepArgument = new("sweep") { Description = "The sweep id" };
    private static readonly Option<string> OutputOption = new("--output", "-o") { Description = "The HTML file to write", Required = true };
    private static readonly Option<string?> GatewayOption = ExplorerConnection.Gateway();
    private static readonly Option<string> StateDirOption = RunCommand.StateDir();

    public static Command Build()
    {
        var command = new Command("report", "Write a sweep's explorer page as one HTML file that opens offline") { SweepArgument, OutputOption, GatewayOption, StateDirOption };
        command.SetAction(async (result, cancellationToken) =>
        {
            var sweepId = result.GetValue(SweepArgument)!;
            SweepIds.Check(sweepId);
            var output = Path.GetFullPath(result.GetValue(OutputOption)!);
            if (Path.GetDirectoryName(output) is { } directory && !Directory.Exists(directory))
            {
                throw new UserErrorException($"--output: directory not found: {directory}");
            }

            await using var connection = await ExplorerConnection.OpenAsync(result.GetValue(GatewayOption), result.GetValue(StateDirOption)!, cancellationToken);
            string html;
            try
            {
                html = await ExplorerReport.BuildAsync(connection.Grains, sweepId, cancellationToken);
            }
            catch (KeyNotFoundException)
            {
                var where = connection.IsEmbedded ? $"in {Path.GetFullPath(result.GetValue(StateDirOption)!)} (or name a cluster with --gateway)" : $"on {connection.Gateway} (see `hypersearch list`)";
                throw new UserErrorException($"sweep: no sweep '{sweepId}' {where}");
            }

            try
            {
                await File.WriteAllTextAsync(output, html, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserErrorException($"--output: cannot write {output}: {e.Message}");
            }

            await Console.Error.WriteLineAsync($"report: {output} ({html.Length / 1024} KiB)");
            return ExitCodes.Success;
        });
        return command;
    }
}
