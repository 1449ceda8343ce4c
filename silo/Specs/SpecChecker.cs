using HyperSearch.Contracts;
using HyperSearch.Silo.Hosting;
using HyperSearch.Silo.Trainers;
using HyperSearch.Spec;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Silo.Specs;

/// <summary>
/// Parses a spec against this silo's trainers (the built-in one, or the plugin it names, loaded
/// here) and reads its data set's files, so whatever would fail the first trial fails here, before
/// anything runs, with one line per problem.
/// </summary>
public sealed class SpecChecker(TrainerCatalog trainers, SiloSettings settings)
{
    public SpecCheck Check(string yaml, string? baseDirectory)
    {
        var options = new SpecParseOptions
        {
            BaseDirectory = baseDirectory ?? (string.IsNullOrWhiteSpace(settings.DataRoot) ? null : Path.GetFullPath(settings.DataRoot)),
            Trainers = trainers,
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

        if (spec.Data is { } data)
        {
            try
            {
                DataSets.Verify(new DataSetOptions(data.Dataset, data.Path, data.TrainSubset, data.Validation, data.SplitSeed));
            }
            catch (DataSetException e)
            {
                return new SpecCheck(null, [$"data: {e.Message}"]);
            }
        }

        return new SpecCheck(spec, []);
    }
}
