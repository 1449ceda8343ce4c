namespace HyperSearch.Spec;

/// <summary>Reads <c>data:</c>: which data set, where its files are, and how training is split.</summary>
internal static class DataSectionParser
{
    public static readonly IReadOnlyList<string> Keys = ["dataset", "path", "train_subset", "validation", "split_seed"];

    public const int DefaultValidation = 5000;

    /// <summary>
    /// The data section; <see cref="DataSpec.SplitSeed"/> is 0 unless <c>split_seed</c> is given
    /// (the caller fills in the search seed, which it reads later).
    /// </summary>
    public static DataSpec Read(MappingReader data, SpecParseOptions options)
    {
        string? dataset = data.Word("dataset", SpecNames.DataSets, "dataset");
        bool datasetInvalid = dataset is null && data.Has("dataset");
        dataset ??= SpecNames.FashionMnist;

        // A bad data set name already has its error; a path check on top of it would only mislead.
        string path = datasetInvalid ? "" : ReadPath(data, dataset, options);

        return new DataSpec(
            dataset,
            path,
            data.Int("train_subset", min: 1),
            data.Int("validation", min: 1) ?? DefaultValidation,
            data.Int("split_seed", min: int.MinValue) ?? 0);
    }

    private static string ReadPath(MappingReader data, string dataset, SpecParseOptions options)
    {
        string key = data.PathOf("path");
        string? given = data.Text("path");
        if (given is null && data.Has("path"))
        {
            return ""; // a mapping or list where a path belongs; already reported
        }

        bool synthetic = dataset == SpecNames.Synthetic;
        string? path = given is null
            ? SpecNames.DefaultDataPaths.GetValueOrDefault(dataset)
            : options.ResolvePath(given);

        if (path is null)
        {
            if (!synthetic)
            {
                data.Errors.Add(key, $"required for {dataset} (it has no default location)");
            }

            return "";
        }

        // Synthetic data is generated in memory; a path given for it is kept but never read.
        if (!synthetic && !options.DirectoryExists(path))
        {
            string hint = given is null ? $" (the default for {dataset}; set data.path to use another directory)" : "";
            data.Errors.Add(key, $"directory not found: {path}{hint}");
        }

        return path;
    }
}
