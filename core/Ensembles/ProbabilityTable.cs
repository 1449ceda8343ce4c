namespace HyperSearch.Ensembles;

/// <summary>Class probabilities of one model on one data set: <see cref="Rows"/> x <see cref="Classes"/>, row-major.</summary>
public sealed class ProbabilityTable
{
    public ProbabilityTable(float[] values, int rows, int classes)
    {
        if (rows <= 0 || classes <= 0 || values.Length != rows * classes)
        {
            throw new ArgumentException($"a {rows} x {classes} table needs {rows * classes} values, got {values.Length}", nameof(values));
        }

        Values = values;
        Rows = rows;
        Classes = classes;
    }

    public float[] Values { get; }

    public int Rows { get; }

    public int Classes { get; }

    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Classes, Classes);

    /// <summary>The element-wise mean with <paramref name="other"/> (another view of the same rows: test-time augmentation).</summary>
    public ProbabilityTable MeanWith(ProbabilityTable other)
    {
        if (other.Rows != Rows || other.Classes != Classes)
        {
            throw new ArgumentException($"a {Rows} x {Classes} table cannot be averaged with a {other.Rows} x {other.Classes} one", nameof(other));
        }

        var mean = new float[Values.Length];
        for (var i = 0; i < mean.Length; i++)
        {
            mean[i] = (Values[i] + other.Values[i]) / 2;
        }

        return new ProbabilityTable(mean, Rows, Classes);
    }
}
