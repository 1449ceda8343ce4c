using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Data;

/// <summary>A data set split and preprocessed for training: what the training loop reads.</summary>
public sealed record class PreparedDataSet(
    LoadedDataSet Source,
    DataSplit Split,
    Preprocessing Preprocessing,
    LabeledTensors Train,
    LabeledTensors Validation,
    LabeledTensors Test)
{
    public int Classes => Source.Classes;

    public int FeatureCount => Train.FeatureCount;

    public ImageShape Shape => Source.Shape;

    /// <param name="preprocess">One of <see cref="Preprocessing.Kinds"/>, fitted on the training rows.</param>
    public static PreparedDataSet Create(LoadedDataSet source, DataSetOptions options, string preprocess = Preprocessing.Standardize)
    {
        var split = DataSplit.Create(source.TrainImages.Count, options.Validation, options.TrainSubset, options.SplitSeed, options.ValidationInTraining);
        var preprocessing = Preprocessing.Fit(preprocess, source.TrainImages, split.Train);
        return new PreparedDataSet(
            source,
            split,
            preprocessing,
            LabeledTensors.Create(source.TrainImages, source.TrainLabels, split.Train, preprocessing),
            LabeledTensors.Create(source.TrainImages, source.TrainLabels, split.Validation, preprocessing),
            LabeledTensors.Create(source.TestImages, source.TestLabels, rows: null, preprocessing));
    }
}
