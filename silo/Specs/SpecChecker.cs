using HyperSearch.Contracts;
using HyperSearch.Paths;
using HyperSearch.Silo.Hosting;
using HyperSearch.Silo.Trainers;
using HyperSearch.Spec;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Silo.Specs;

/// <summary>
/// Parses a spec against this silo's trainers (the built-in one, or the plugin it names, loaded
/// here) and reads its data set's files, so whatever would fail the first trial fails here, before
/// anything runs, with one line per problem. Paths outside the silo's <see cref="AllowedRoots"/> are
/// refused without being looked at, so the answer says nothing about what exists there.
/// </summary>
public sealed class SpecChecker(TrainerCatalog trainers, SiloSettings settings, AllowedRoots roots, UserCodePolicy userCode)
{
    public SpecCheck Check(string yaml, string? baseDirectory)
    {
        var options = new SpecParseOptions
        {
            BaseDirectory = baseDirectory ?? (string.IsNullOrWhiteSpace(settings.DataRoot) ? null : Path.GetFullPath(settings.DataRoot)),
            Trainers = trainers,
            // Outside the roots nothing is looked at: the roots check below names the path instead.
            DirectoryExists = directory => !roots.Contains(directory) || Directory.Exists(directory),
        };
        SweepSpec spec;
        try
        {
            spec = SpecParser.Parse(yaml, options);
        }
        catch (SpecException e)
        {
            return new SpecCheck(null, [.. e.Errors.Select(error => error.ToString())]);
        }

        // The parser resolves a command's schema from the spec alone, so its directory is checked here
        // (a plugin's path is checked by the trainer catalog before the parser could load it).
        if (spec.Trainer?.Command is { } command && !roots.Contains(command.WorkingDirectory))
        {
            return new SpecCheck(null, [$"trainer.workdir: {PathOutsideRootsException.MessageFor(command.WorkingDirectory)}"]);
        }

        if (spec.Trainer?.Command is { } userCommand)
        {
            try
            {
                userCode.RequireCommand(userCommand);
            }
            catch (TrainerUnavailableException e)
            {
                return new SpecCheck(null, [$"{e.Key}: {e.Message}"]);
            }
        }

        if (spec.Data is { } data)
        {
            try
            {
                var path = DataPaths.Require(roots, data.Dataset, data.Path);
                DataSets.Verify(new DataSetOptions(data.Dataset, path, data.TrainSubset, data.Validation, data.SplitSeed));
            }
            catch (PathOutsideRootsException e)
            {
                return new SpecCheck(null, [$"data.path: {e.Message}"]);
            }
            catch (DataSetException e)
            {
                return new SpecCheck(null, [$"data: {e.Message}"]);
            }
        }

        return new SpecCheck(spec, []);
    }
}
