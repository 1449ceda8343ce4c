namespace HyperSearch.Trainer.Training;

/// <summary>A model's scores on a set and its class probabilities, row-major [Count, Classes] (each row sums to 1).</summary>
public sealed record class Prediction(Evaluation Evaluation, float[] Probabilities, int Classes)
{
    public int Count => Evaluation.Count;
}
