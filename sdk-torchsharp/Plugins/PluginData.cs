using HyperSearch.Sdk;
using HyperSearch.Trainer.Data;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Sdk.TorchSharp;

/// <summary>The spec's <c>data:</c> section as tensors, for a plugin trainer.</summary>
public static class PluginData
{
    /// <summary>
    /// Loads, splits and preprocesses the data set the trial's spec names. Cached per process, so
    /// trials on several slots of one silo share the tensors: read them, never write to them.
    /// Loads TorchSharp first when this thread has not.
    /// </summary>
    /// <param name="preprocess">standardize (per channel), mean_image or none.</param>
    /// <exception cref="TrialConfigurationException">
    /// The spec has no <c>data:</c> section, the preprocessing is unknown, or the data is missing,
    /// corrupt or cannot be split as asked: another attempt would fail the same way.
    /// </exception>
    public static PreparedDataSet Load(TrialContext context, string preprocess = Preprocessing.Standardize)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.Data ?? throw new TrialConfigurationException(
            "this trainer reads a built-in data set, but the spec has no data: section (add e.g. data: { dataset: fashion-mnist })");
        if (!Preprocessing.Kinds.Contains(preprocess))
        {
            throw new TrialConfigurationException(
                $"unknown preprocessing '{preprocess}' (expected one of: {string.Join(", ", Preprocessing.Kinds)})");
        }

        try
        {
            return DataSets.Prepare(new DataSetOptions(data.Name, data.Path, data.TrainSubset, data.Validation, data.SplitSeed), preprocess);
        }
        catch (DataSetException e)
        {
            throw new TrialConfigurationException($"data: {e.Message}", e);
        }
    }
}
