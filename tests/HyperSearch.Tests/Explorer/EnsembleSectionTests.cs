using HyperSearch.Ensembles;
using HyperSearch.Explorer.Pages;
using HyperSearch.Spec;

namespace HyperSearch.Tests.Explorer;

/// <summary>The sweep page's ensemble section lists every candidate, members and those left out, with the validation NLL that decided it.</summary>
public sealed class EnsembleSectionTests
{
    private static readonly EnsembleReport Report = new(
        "s1", EnsembleMethod.Greedy, 3,
        [new EnsembleMemberReport("t001", 0.8, "/a/t001"), new EnsembleMemberReport("t001@epoch-3", 0.2, "/a/t001.snapshots/epoch-3")],
        new ScoreReport(0.86, 0.40), new ScoreReport(0.85, 0.42), "t001", new ScoreReport(0.84, 0.45), "/a/m.json",
        Candidates:
        [
            new CandidateReport("t001", 0.8, new ScoreReport(0.85, 0.41), EnsembleNllIfRemoved: 0.4321),
            new CandidateReport("t001@epoch-3", 0.2, new ScoreReport(0.83, 0.47), EnsembleNllIfRemoved: 0.41),
            new CandidateReport("t002", 0, new ScoreReport(0.80, 0.5555), EnsembleNllIfAdded: 0.4012, AddedShare: 0.02),
        ],
        UnconstrainedValidationNll: 0.3999);

    [Fact]
    public void Candidates_AreListedWithWhyTheyAreInOrOut()
    {
        var html = InsightSections.Ensemble(Report, Specs.Small(trials: 3));

        Assert.Equal(2, html.Split("<tr class=\"member\">").Length - 1);
        Assert.Equal(1, html.Split("<tr class=\"left-out\">").Length - 1);
        Assert.Contains("<td>t002</td>", html);
        Assert.Contains("0.5555", html);                       // its own validation NLL
        Assert.Contains("at its best share (0.020): 0.4012", html);
        Assert.Contains("without it: 0.4321", html);
        Assert.Contains("min_members raised the validation NLL from 0.3999 to 0.4000", html);
    }

    [Fact]
    public void AReportWithoutCandidates_ShowsTheMembersAsBefore()
    {
        var html = InsightSections.Ensemble(Report with { Candidates = null, UnconstrainedValidationNll = null }, Specs.Small(trials: 3));

        Assert.Contains("<th>member</th><th>weight</th>", html);
        Assert.DoesNotContain("left-out", html);
    }
}
