using HyperSearch.Ensembles;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Core.Tests.Ensembles;

/// <summary>
/// Greedy selection's spec keys (core/Spec/EnsembleSectionParser.cs) and its verdicts in the run
/// summary (core/Sweeps/RunSummary.cs).
/// </summary>
public sealed class SelectionSpecTests
{
    [Fact]
    public void Ensemble_SelectionKeys_AreRead()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(extra: "ensemble: { top_k: 6, sorted_init: 4, min_members: 3, bags: 20 }"));

        Assert.Equal(SelectionSettings.Default with { SortedInit = 4, MinMembers = 3, Bags = 20 }, spec.Ensemble!.Selection);
    }

    [Fact]
    public void Ensemble_WithoutSelectionKeys_LeavesTheDefaults()
    {
        var spec = TestSpecs.Parse(TestSpecs.Minimal(extra: "ensemble: { top_k: 3 }"));

        Assert.Null(spec.Ensemble!.Selection);
    }

    [Theory]
    [InlineData("ensemble: { top_k: 3, min_members: 4 }", "ensemble.min_members: must be at most top_k (3), got 4")]
    [InlineData("ensemble: { min_members: 0 }", "ensemble.min_members: must be at least 1, got 0")]
    [InlineData("ensemble: { sorted_init: 0 }", "ensemble.sorted_init: must be at least 1, got 0")]
    [InlineData("ensemble: { bags: -1 }", "ensemble.bags: must be at least 0, got -1")]
    [InlineData("ensemble: { bags: 101 }", "ensemble.bags: must be at most 100, got 101")]
    [InlineData("ensemble: { method: average, min_members: 2 }", "ensemble.min_members: only greedy selection uses it (method: average takes the top_k with equal weights)")]
    public void Ensemble_SelectionKeys_AreChecked(string extra, string expected) =>
        Assert.Equal([expected], TestSpecs.Errors(TestSpecs.Minimal(extra: extra)));

    [Fact]
    public void Json_ListsEveryCandidateWithWhyItIsInOrOut()
    {
        var report = new EnsembleReport(
            "s1", EnsembleMethod.Greedy, 3,
            [new EnsembleMemberReport("t001", 0.8, "/a/t001"), new EnsembleMemberReport("t002", 0.2, "/a/t002")],
            new ScoreReport(0.86, 0.40), new ScoreReport(0.85, 0.42), "t001", new ScoreReport(0.84, 0.45), "/a/m.json",
            Candidates:
            [
                new CandidateReport("t001", 0.8, new ScoreReport(0.85, 0.41), EnsembleNllIfRemoved: 0.50),
                new CandidateReport("t002", 0.2, new ScoreReport(0.82, 0.50), EnsembleNllIfRemoved: 0.41),
                new CandidateReport("t003", 0, new ScoreReport(0.80, 0.55), EnsembleNllIfAdded: 0.401, AddedShare: 0.2),
            ],
            UnconstrainedValidationNll: 0.399);

        var json = RunSummary.EnsembleJson(report);

        var candidates = json["candidates"]!.AsArray();
        Assert.Equal(["t001", "t002", "t003"], candidates.Select(c => (string)c!["id"]!));
        var left = candidates[2]!;
        Assert.Equal((0.0, 0.55, 0.401, 0.2), ((double)left["weight"]!, (double)left["val_nll"]!, (double)left["ensembleValNllIfAdded"]!, (double)left["addedShare"]!));
        Assert.Null(left["ensembleValNllIfRemoved"]);
        Assert.Equal(0.50, (double)candidates[0]!["ensembleValNllIfRemoved"]!);
        Assert.Equal(0.399, (double)json["unconstrainedValNll"]!);
        Assert.Null(RunSummary.EnsembleJson(report with { Candidates = null, UnconstrainedValidationNll = null })["candidates"]);
    }
}
