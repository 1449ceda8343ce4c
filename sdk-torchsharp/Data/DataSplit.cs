namespace HyperSearch.Trainer.Data;

/// <summary>Which training-file images a job trains on and which it validates on.</summary>
/// <param name="Train">Indices into the training file, in shuffled order.</param>
/// <param name="Validation">Indices into the training file, disjoint from <paramref name="Train"/>.</param>
public sealed record class DataSplit(int[] Train, int[] Validation)
{
    /// <summary>
    /// Shuffles 0..available-1 with <paramref name="seed"/>; the first <paramref name="validation"/>
    /// go to validation, the next <paramref name="trainSubset"/> (or all the rest) to training.
    /// </summary>
    /// <param name="validationInTraining">Training takes the validation images too, ahead of its own (retraining an ensemble member).</param>
    /// <exception cref="DataSetException">The sizes are out of range for <paramref name="available"/> images.</exception>
    public static DataSplit Create(int available, int validation, int? trainSubset, int seed, bool validationInTraining = false)
    {
        if (validation < 1)
        {
            throw new DataSetException($"validation must be at least 1 (got {validation})");
        }

        if (trainSubset is < 1)
        {
            throw new DataSetException($"train_subset must be at least 1 (got {trainSubset})");
        }

        var train = trainSubset ?? (available - validation);
        if ((long)validation + train > available || train < 1)
        {
            throw new DataSetException(
                $"validation ({validation}) + train_subset ({train}) exceeds the {available} training images");
        }

        var order = new int[available];
        for (var i = 0; i < available; i++)
        {
            order[i] = i;
        }

        new Random(seed).Shuffle(order);
        return new DataSplit(order[(validationInTraining ? 0 : validation)..(validation + train)], order[..validation]);
    }
}
