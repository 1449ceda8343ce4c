namespace HyperSearch.Sdk.TorchSharp;

/// <summary>One set's predictions as plain arrays: probabilities row-major [Count, Classes], labels [Count].</summary>
internal sealed record class PredictionRows(float[] Probabilities, int Classes, long[] Labels)
{
    public int Count => Labels.Length;

    /// <exception cref="ArgumentException">The probabilities are not one row of <see cref="Classes"/> per label.</exception>
    public void Check(string name)
    {
        if (Classes < 1 || Probabilities.LongLength != (long)Count * Classes)
        {
            throw new ArgumentException($"{name}: {Probabilities.LongLength} probabilities for {Count} labels of {Classes} classes");
        }
    }
}
