using System.Text.Json;
using HyperSearch.Ensembles;
using HyperSearch.Paths;
using HyperSearch.Spec;
using HyperSearch.Trainer.Checkpoints;

namespace HyperSearch.Silo.Ensembles;

/// <summary>
/// A saved ensemble (JSON in the artifact store): members with weights and checkpoint locations
/// (each checkpoint carries its configuration and preprocessing), and the figures it had when built,
/// so <c>hypersearch evaluate</c> can reload it and check them.
/// </summary>
public sealed record class EnsembleManifest(
    int Format,
    string SweepId,
    string Method,
    int TopK,
    EnsembleMemberReport[] Members,
    ScoreReport Validation,
    ScoreReport Test,
    string BestSingleTrialId,
    ScoreReport BestSingleTest,
    DateTime CreatedUtc)
{
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static EnsembleManifest From(EnsembleReport report, DateTime now) => new(
        CurrentFormat, report.SweepId, SpecNames.Of(report.Method), report.TopK, report.Members, report.Validation, report.Test,
        report.BestSingleTrialId, report.BestSingleTest, now);

    public EnsembleReport ToReport(string path) => new(
        SweepId, Enum.Parse<EnsembleMethod>(Method, ignoreCase: true), TopK, Members, Validation, Test, BestSingleTrialId, BestSingleTest, path);

    /// <summary>Where a sweep's ensemble of a given method and size is saved.</summary>
    public static string PathFor(string artifactDirectory, string sweepId, EnsembleRequest request) =>
        System.IO.Path.Combine(artifactDirectory, "ensembles", sweepId, $"{SpecNames.Of(request.Method)}-top{request.TopK}.json");

    /// <summary>Whole or not at all, and never through a link planted in the artifact store (<see cref="ArtifactFile"/>).</summary>
    public void Write(string path) => ArtifactFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(this, Json));

    /// <exception cref="InvalidDataException">Missing, unreadable or of another format.</exception>
    public static EnsembleManifest Read(string path)
    {
        EnsembleManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<EnsembleManifest>(File.ReadAllText(path), Json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // Never the reader's message: a JSON error quotes the file's text (see UnreadableManifest).
            throw new InvalidDataException($"{path}: not a readable ensemble manifest{UnreadableManifest.Where(e)}", e);
        }

        if (manifest is null || manifest.Format != CurrentFormat || manifest.Members.Length == 0)
        {
            throw new InvalidDataException($"{path}: not an ensemble manifest of format {CurrentFormat}");
        }

        return manifest;
    }
}
