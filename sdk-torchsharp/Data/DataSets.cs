using HyperSearch.Sdk;
using HyperSearch.Trainer.Native;
using HyperSearch.Trainer.Training;

namespace HyperSearch.Trainer.Data;

/// <summary>
/// The data sets the trainer knows, loaded once per process: several trainer slots share a process
/// and usually train on the same data and split.
/// </summary>
public static class DataSets
{
    public const string FashionMnist = BuiltInDataSets.FashionMnist;
    public const string Mnist = BuiltInDataSets.Mnist;
    public const string Cifar10 = BuiltInDataSets.Cifar10;
    public const string Synthetic = BuiltInDataSets.Synthetic;

    private static readonly OnceCache<(string Name, string Path), LoadedDataSet> Loaded = new(capacity: 4);
    private static readonly OnceCache<(DataSetOptions Options, string Preprocess), PreparedDataSet> Prepared =
        new(capacity: 2);

    public static IReadOnlyList<string> Names => BuiltInDataSets.Names;

    /// <summary>Where a data set's files are when <see cref="DataSetOptions.Path"/> is empty; null if it has none (cifar10 must be named).</summary>
    public static string? DefaultPath(string name) => BuiltInDataSets.DefaultPath(name);

    /// <summary>Reads and checks the files of a data set (cached by name and path).</summary>
    /// <exception cref="DataSetException">Unknown name, missing or corrupt files.</exception>
    public static LoadedDataSet Load(DataSetOptions options)
    {
        var (name, path, isDefault) = Resolve(options);
        return Loaded.GetOrCreate((name, path), () => name switch
        {
            Synthetic => SyntheticDataSet.Generate(),
            Cifar10 => Cifar10Files.Load(path),
            _ => IdxDataSetFiles.Load(name, path, isDefault),
        });
    }

    /// <summary>
    /// Fully reads and validates the data and the split <paramref name="options"/> asks for, without
    /// TorchSharp: the command line calls it before a sweep starts so bad data fails fast.
    /// </summary>
    /// <exception cref="DataSetException">Anything wrong with the data or the split sizes.</exception>
    public static DataSetSummary Verify(DataSetOptions options)
    {
        var data = Load(options);
        var split = DataSplit.Create(data.TrainImages.Count, options.Validation, options.TrainSubset, options.SplitSeed);
        return new DataSetSummary(
            data.Name, data.Source, data.TrainImages.Count, data.TestImages.Count, split.Train.Length, split.Validation.Length);
    }

    /// <summary>Split, preprocessed tensors for training (cached by the whole of <paramref name="options"/> and <paramref name="preprocess"/>).</summary>
    /// <param name="preprocess">One of <see cref="Preprocessing.Kinds"/>.</param>
    /// <exception cref="DataSetException">Anything wrong with the data or the split sizes.</exception>
    public static PreparedDataSet Prepare(DataSetOptions options, string preprocess = Preprocessing.Standardize)
    {
        var (name, path, _) = Resolve(options);
        TorchRuntime.EnsureInitializedOnThisThread();
        return Prepared.GetOrCreate(
            (options with { Name = name, Path = path }, preprocess),
            () => PreparedDataSet.Create(Load(options), options, preprocess));
    }

    private static (string Name, string Path, bool IsDefault) Resolve(DataSetOptions options)
    {
        var name = options.Name.Trim().ToLowerInvariant();
        if (name == Synthetic)
        {
            return (name, string.Empty, false);
        }

        if (!Names.Contains(name))
        {
            throw new DataSetException($"unknown data set '{options.Name}' (expected one of: {string.Join(", ", Names)})");
        }

        if (DefaultPath(name) is not { } defaultLocation)
        {
            return string.IsNullOrWhiteSpace(options.Path)
                ? throw new DataSetException($"data set {name} has no default location: set data.path to the directory holding its files")
                : (name, Path.GetFullPath(options.Path), false);
        }

        var defaultPath = Path.GetFullPath(defaultLocation);
        var path = string.IsNullOrWhiteSpace(options.Path) ? defaultPath : Path.GetFullPath(options.Path);
        return (name, path, path == defaultPath);
    }
}
