namespace HyperSearch.Analysis;

/// <summary>
/// A small random forest of regression trees (bootstrap samples, a random third of the features tried
/// at each split, variance reduction), enough to model an objective over a few hyperparameters. Seeded:
/// the same rows give the same forest.
/// </summary>
public sealed class RegressionForest
{
    private readonly Node[] _trees;

    private RegressionForest(Node[] trees) => _trees = trees;

    public static RegressionForest Fit(double[][] rows, double[] targets, int trees = 24, int maxDepth = 8, int minLeaf = 3, int seed = 1)
    {
        if (rows.Length == 0 || rows.Length != targets.Length)
        {
            throw new ArgumentException("need as many targets as rows, and at least one");
        }

        var random = new Random(seed);
        var features = rows[0].Length;
        var tried = Math.Max(1, (int)Math.Ceiling(features / 3.0));
        var built = new Node[trees];
        for (var t = 0; t < trees; t++)
        {
            var sample = new int[rows.Length];
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] = random.Next(rows.Length);
            }

            built[t] = Grow(rows, targets, sample, 0, maxDepth, minLeaf, tried, random);
        }

        return new RegressionForest(built);
    }

    public double Predict(double[] row)
    {
        var sum = 0.0;
        foreach (var tree in _trees)
        {
            var node = tree;
            while (node.Left is not null)
            {
                node = row[node.Feature] <= node.Threshold ? node.Left : node.Right!;
            }

            sum += node.Value;
        }

        return sum / _trees.Length;
    }

    private static Node Grow(double[][] rows, double[] targets, int[] sample, int depth, int maxDepth, int minLeaf, int tried, Random random)
    {
        var mean = sample.Average(i => targets[i]);
        if (depth >= maxDepth || sample.Length < 2 * minLeaf)
        {
            return new Node(mean);
        }

        var features = rows[0].Length;
        var candidates = Enumerable.Range(0, features).OrderBy(_ => random.Next()).Take(tried).ToArray();
        var (bestFeature, bestThreshold, bestScore) = (-1, 0.0, double.PositiveInfinity);
        foreach (var feature in candidates)
        {
            var sorted = sample.OrderBy(i => rows[i][feature]).ToArray();
            double leftSum = 0, leftSquares = 0;
            var totalSum = sorted.Sum(i => targets[i]);
            var totalSquares = sorted.Sum(i => targets[i] * targets[i]);
            for (var k = 0; k < sorted.Length - 1; k++)
            {
                var y = targets[sorted[k]];
                leftSum += y;
                leftSquares += y * y;
                var leftCount = k + 1;
                var rightCount = sorted.Length - leftCount;
                var here = rows[sorted[k]][feature];
                var next = rows[sorted[k + 1]][feature];
                if (leftCount < minLeaf || rightCount < minLeaf || here == next)
                {
                    continue;
                }

                // Sum of squared errors of both sides: what a split at (here + next) / 2 leaves unexplained.
                var rightSum = totalSum - leftSum;
                var score = leftSquares - (leftSum * leftSum / leftCount) + (totalSquares - leftSquares) - (rightSum * rightSum / rightCount);
                if (score < bestScore)
                {
                    (bestFeature, bestThreshold, bestScore) = (feature, (here + next) / 2, score);
                }
            }
        }

        if (bestFeature < 0)
        {
            return new Node(mean);
        }

        var left = sample.Where(i => rows[i][bestFeature] <= bestThreshold).ToArray();
        var right = sample.Where(i => rows[i][bestFeature] > bestThreshold).ToArray();
        return new Node(mean, bestFeature, bestThreshold,
            Grow(rows, targets, left, depth + 1, maxDepth, minLeaf, tried, random),
            Grow(rows, targets, right, depth + 1, maxDepth, minLeaf, tried, random));
    }

    private sealed record class Node(double Value, int Feature = -1, double Threshold = 0, Node? Left = null, Node? Right = null);
}
