using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Data;

/// <summary>A data set split and normalized for training: what the training loop reads.</summary>
public sealed record class PreparedDataSet(
    LoadedDataSet Source,
    DataSplit Split,
    Normalization Normalization,
    LabeledTensors Train,
    LabeledTensors Validation,
    LabeledTensors Test)
{
    public int Classes => Source.Classes;

    public int FeatureCount => Train.FeatureCount;

    public static PreparedDataSet Create(LoadedDataSet source, DataSetOptions options)
    {
        var split = DataSplit.Create(source.TrainImages.Count, options.Validation, options.TrainSubset, options.SplitSeed);
        var normalization = Normalization.Fit(source.TrainImages, split.Train);
        return new PreparedDataSet(
            source,
            split,
            normalization,
            LabeledTensors.Create(source.TrainImages, source.TrainLabels, split.Train, normalization),
            LabeledTensors.Create(source.TrainImages, source.TrainLabels, split.Validation, normalization),
            LabeledTensors.Create(source.TestImages, source.TestLabels, rows: null, normalization));
    }
}
