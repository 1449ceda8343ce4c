using HyperSearch.Sdk;

namespace HyperSearch.Trainer.Data;

/// <summary>
/// A small generated stand-in for Fashion-MNIST with the same shape (28x28 bytes, 10 classes):
/// one Gaussian cluster per class. It lets tests train in well under a second with no files.
/// </summary>
public static class SyntheticDataSet
{
    public const string Name = BuiltInDataSets.Synthetic;
    public const int TrainCount = 6_000;
    public const int TestCount = 1_000;
    public const int Classes = 10;
    private const int Side = 28;

    // Fixed so the data set is the same in every process; jobs vary only the split and training.
    private const int Seed = 20_240_601;

    public static LoadedDataSet Generate()
    {
        var random = new Random(Seed);
        var features = Side * Side;
        var centers = new double[Classes, features];
        for (var c = 0; c < Classes; c++)
        {
            for (var f = 0; f < features; f++)
            {
                centers[c, f] = 96 + (64 * random.NextDouble());
            }
        }

        var (train, trainLabels) = Sample(random, centers, TrainCount);
        var (test, testLabels) = Sample(random, centers, TestCount);
        return new LoadedDataSet(Name, "generated", Classes, train, trainLabels, test, testLabels);
    }

    private static (IdxImages Images, byte[] Labels) Sample(Random random, double[,] centers, int count)
    {
        var features = centers.GetLength(1);
        var pixels = new byte[count * features];
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var label = random.Next(Classes);
            labels[i] = (byte)label;
            for (var f = 0; f < features; f++)
            {
                // The noise is wide next to the centres' spread, so classes overlap pixel by
                // pixel and a model must combine many pixels to separate them.
                var value = centers[label, f] + (48 * NextGaussian(random));
                pixels[(i * features) + f] = (byte)Math.Clamp(Math.Round(value), 0, 255);
            }
        }

        return (new IdxImages(count, Side, Side, pixels), labels);
    }

    private static double NextGaussian(Random random)
    {
        // Box-Muller; 1 - NextDouble() keeps the logarithm's argument above zero.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
