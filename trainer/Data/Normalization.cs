namespace HyperSearch.Trainer.Data;

/// <summary>
/// One mean and standard deviation over all pixels, in units of pixel/255. Fitted on the training
/// subset only, so nothing about validation or test images leaks into training.
/// </summary>
public sealed record class Normalization(double Mean, double StandardDeviation)
{
    public static Normalization Fit(IdxImages images, IReadOnlyList<int> rows)
    {
        var pixelsPerImage = images.PixelsPerImage;
        // Counting each byte value once makes the sums exact and the pass a plain table update.
        var histogram = new long[256];
        foreach (var row in rows)
        {
            foreach (var pixel in images.Pixels.AsSpan(row * pixelsPerImage, pixelsPerImage))
            {
                histogram[pixel]++;
            }
        }

        var count = (double)rows.Count * pixelsPerImage;
        double sum = 0;
        double sumOfSquares = 0;
        for (var value = 0; value < histogram.Length; value++)
        {
            var scaled = value / 255.0;
            sum += histogram[value] * scaled;
            sumOfSquares += histogram[value] * scaled * scaled;
        }

        var mean = sum / count;
        var variance = Math.Max(0, (sumOfSquares / count) - (mean * mean));
        // A constant image set would divide by zero; leaving the scale alone is harmless there.
        var deviation = variance > 1e-12 ? Math.Sqrt(variance) : 1.0;
        return new Normalization(mean, deviation);
    }
}
