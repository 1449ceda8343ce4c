using HyperSearch.Spec;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Client.Commands;

/// <summary>Reads and checks a spec and its data before anything starts, turning problems into user errors.</summary>
public static class SpecLoader
{
    public static SweepSpec Load(string path)
    {
        try
        {
            return SpecParser.ParseFile(path);
        }
        catch (SpecException e)
        {
            throw new UserErrorException(e.Errors.Select(error => error.ToString()).ToList());
        }
    }

    /// <summary>Reads the data set's files once (headers, sizes, counts), so a missing or corrupt file stops the run before any trial.</summary>
    public static void VerifyData(SweepSpec spec)
    {
        try
        {
            DataSets.Verify(new DataSetOptions(spec.Data.Dataset, spec.Data.Path, spec.Data.TrainSubset, spec.Data.Validation, spec.Data.SplitSeed));
        }
        catch (DataSetException e)
        {
            throw new UserErrorException($"data: {e.Message}");
        }
    }
}
