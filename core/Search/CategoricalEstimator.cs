namespace HyperSearch.Search;

/// <summary>
/// TPE's estimator for a choice: each option's observed count plus one (a uniform prior that keeps
/// every option possible), normalized.
/// </summary>
internal sealed class CategoricalEstimator
{
    private const double PriorCount = 1.0;

    private readonly double[] _probabilities;

    /// <param name="chosen">The option indices the observations used.</param>
    public CategoricalEstimator(IEnumerable<int> chosen, int options)
    {
        var counts = Enumerable.Repeat(PriorCount, options).ToArray();
        foreach (int index in chosen)
        {
            counts[index]++;
        }

        double total = counts.Sum();
        _probabilities = counts.Select(c => c / total).ToArray();
    }

    public double LogProbability(int option) => Math.Log(_probabilities[option]);

    public int Sample(Random random)
    {
        double u = random.NextDouble();
        for (int i = 0; i < _probabilities.Length - 1; i++)
        {
            u -= _probabilities[i];
            if (u < 0)
            {
                return i;
            }
        }

        return _probabilities.Length - 1;
    }
}
