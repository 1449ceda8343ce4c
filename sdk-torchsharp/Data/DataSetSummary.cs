namespace HyperSearch.Trainer.Data;

/// <summary>What <see cref="DataSets.Verify"/> found: file sizes and the split a job would get.</summary>
public sealed record class DataSetSummary(
    string Name,
    string Source,
    int TrainImages,
    int TestImages,
    int Train,
    int Validation);
