using System.Text;
using HyperSearch.Analysis;
using HyperSearch.Ensembles;
using HyperSearch.Explorer.Charts;
using HyperSearch.Search;
using HyperSearch.Spec;
using HyperSearch.Sweeps;

namespace HyperSearch.Explorer.Pages;

/// <summary>The sweep page's analysis sections: parameter importance, coarse-to-fine rounds, sanity events, the ensemble.</summary>
public static class InsightSections
{
    public const string ImportanceMethod =
        "fANOVA-style main effects over a random forest (24 trees) fitted to the completed trials: the share of the forest's " +
        "variance that each parameter's partial-dependence curve explains on its own (the rest is interactions). Log-scale parameters are on log10.";

    public static string Importance(SweepSpec spec, IReadOnlyList<TrialRecord> trials)
    {
        var (names, rows, targets) = TrialFeatures.Of(spec, trials);
        if (rows.Length < 8)
        {
            return $"<p class=\"muted\">Needs at least 8 completed trials ({rows.Length} so far).</p>";
        }

        var importance = ParameterImportance.Compute(rows, targets);
        var bars = names.Select((n, i) => (n, importance[i], $"{100 * importance[i]:F1} %")).OrderByDescending(b => b.Item2).ToList();
        return BarChart.Render("importance", bars) + $"<p class=\"muted method\">{Html.E(ImportanceMethod)}</p>";
    }

    /// <summary>
    /// Model-based search: how many trials were random start-up draws and how many the model
    /// proposed, and the trial from which it took over; null for other strategies.
    /// </summary>
    public static string? Proposals(SweepSpec spec, IReadOnlyList<TrialRecord> trials)
    {
        if (spec.Search.Strategy is not (SearchStrategy.Tpe or SearchStrategy.Gp) || ProposalTally.Of(trials) is not { } tally)
        {
            return null;
        }

        var counts = string.Join(", ", tally.Counts.Select(c => $"{c.Trials} {ProposalTally.NameOf(c.Source)}"));
        var takeover = tally.FirstModelTrial is { } first
            ? $"the model took over at {TrialRecord.IdFor(first)}"
            : $"the model has not proposed a trial yet (it starts after {spec.Search.StartupTrials} random trials with results)";
        return $"<p class=\"proposals\">{Html.E(SpecNames.Of(spec.Search.Strategy))}: {Html.E(counts)}; {Html.E(takeover)}.</p>";
    }

    public static string? Rounds(SearchRound[]? rounds)
    {
        if (rounds is not { Length: > 0 })
        {
            return null;
        }

        var rows = new StringBuilder();
        foreach (var round in rounds)
        {
            var ranges = string.Join("<br>", round.Space.Where(p => p.Kind != DistributionKind.Value).Select(p => Html.E(p.Kind is DistributionKind.Choice
                ? $"{p.Name}: {{{string.Join(", ", p.Options.Select(o => o.ToString()))}}}"
                : $"{p.Name}: [{ChartAxis.Format(p.Low)}, {ChartAxis.Format(p.High)}]{(p.Kind == DistributionKind.LogUniform ? " log" : "")}")));
            rows.Append($"<tr data-round=\"{round.Round}\"><td>{round.Round}</td><td>{TrialRecord.IdFor(round.FirstTrial)} + {round.Trials}</td><td>{ranges}</td><td>{Html.E(string.Join("; ", SearchRoundReport.Warnings([round])))}</td></tr>");
        }

        return $"<table class=\"small rounds\"><thead><tr><th>round</th><th>trials</th><th>ranges</th><th>edge warnings</th></tr></thead><tbody>{rows}</tbody></table>";
    }

    public static string Events(SweepSnapshot snapshot)
    {
        var list = new StringBuilder();
        foreach (var warning in RunSummary.Warnings(snapshot))
        {
            list.Append($"<li class=\"warning\">{Html.E(warning)}</li>");
        }

        var events = snapshot.Trials.SelectMany(t => (t.Events ?? []).Select(e => (t, e))).Take(200).ToList();
        foreach (var (trial, e) in events)
        {
            list.Append($"<li class=\"event\" data-trial=\"{trial.TrialId}\">{trial.TrialId}: {Html.E(e.ToString())}</li>");
        }

        return list.Length == 0 ? "<p class=\"muted\">No warnings and no sanity events.</p>" : $"<ul class=\"events\">{list}</ul>";
    }

    public static string Ensemble(EnsembleReport? report, SweepSpec spec)
    {
        if (report is null)
        {
            return spec.Ensemble is null ? "<p class=\"muted\">The spec asks for no ensemble.</p>" : "<p class=\"muted\">No ensemble built yet (it is built once the sweep completes).</p>";
        }

        var members = string.Concat(report.Members.Select(m => $"<tr><td>{Html.E(m.TrialId)}</td><td>{Html.N(m.Weight, "F3")}</td></tr>"));
        return $"<p>{Html.E(SpecNames.Of(report.Method))} over the top {report.TopK}: test accuracy <b>{Html.N(report.Test.Accuracy, "F4")}</b> "
            + $"(NLL {Html.N(report.Test.NegativeLogLikelihood, "F4")}) against the best single model {Html.E(report.BestSingleTrialId)}: "
            + $"{Html.N(report.BestSingleTest.Accuracy, "F4")} (NLL {Html.N(report.BestSingleTest.NegativeLogLikelihood, "F4")}); validation accuracy {Html.N(report.Validation.Accuracy, "F4")}.</p>"
            + Retrained(report.Retrained)
            + Augmented(report.Augmented)
            + (report.Candidates is { Length: > 0 } candidates
                ? Candidates(candidates, report)
                : $"<table class=\"small ensemble\"><thead><tr><th>member</th><th>weight</th></tr></thead><tbody>{members}</tbody></table>");
    }

    /// <summary>Every candidate selection judged: its weight (0: left out), its validation NLL alone, and the ensemble's without it or with it added.</summary>
    private static string Candidates(CandidateReport[] candidates, EnsembleReport report)
    {
        var rows = string.Concat(candidates.Select(c =>
            $"<tr class=\"{(c.IsMember ? "member" : "left-out")}\"><td>{Html.E(c.Id)}</td><td>{Html.N(c.Weight, "F3")}</td>"
            + $"<td>{Html.N(c.Validation.NegativeLogLikelihood, "F4")}</td><td>{Html.N(c.Validation.Accuracy, "F4")}</td>"
            + (c.IsMember
                ? $"<td>{(c.EnsembleNllIfRemoved is { } without ? $"without it: {Html.N(without, "F4")}" : "sole member")}</td>"
                : $"<td>left out; at its best share ({Html.N(c.AddedShare ?? 0, "F3")}): {Html.N(c.EnsembleNllIfAdded ?? 0, "F4")}</td>")
            + "</tr>"));
        var cost = report.UnconstrainedValidationNll is { } free
            ? $"<p class=\"muted\">min_members raised the validation NLL from {Html.N(free, "F4")} to {Html.N(report.Validation.NegativeLogLikelihood, "F4")}.</p>"
            : "";
        return $"<table class=\"small ensemble\"><thead><tr><th>candidate</th><th>weight</th><th>val NLL</th><th>val accuracy</th>"
            + $"<th>ensemble val NLL {Html.N(report.Validation.NegativeLogLikelihood, "F4")}</th></tr></thead><tbody>{rows}</tbody></table>{cost}";
    }

    private static string Augmented(AugmentedEnsembleReport? augmented) => augmented is null
        ? ""
        : $"<p class=\"augmented\">With test-time augmentation ({Html.E(SpecNames.Of(augmented.Augmentation))}): test accuracy <b>{Html.N(augmented.Test.Accuracy, "F4")}</b> "
            + $"(NLL {Html.N(augmented.Test.NegativeLogLikelihood, "F4")}); the best single model: {Html.N(augmented.BestSingleTest.Accuracy, "F4")}"
            + (augmented.RetrainedTest is { } retrained ? $"; retrained: {Html.N(retrained.Accuracy, "F4")}" : "")
            + ".</p>";

    private static string Retrained(RetrainedEnsembleReport? retrained) => retrained switch
    {
        null => "",
        { Test: { } test } => $"<p class=\"retrained\">Members retrained on training + validation images: test accuracy <b>{Html.N(test.Accuracy, "F4")}</b> (NLL {Html.N(test.NegativeLogLikelihood, "F4")})"
            + (retrained.BestSingleTest is { } best ? $"; the best single model retrained: {Html.N(best.Accuracy, "F4")}.</p>" : ".</p>"),
        _ => $"<p class=\"retrained muted\">Retrained ensemble incomplete: {Html.E(retrained.Problem ?? "")}</p>",
    };
}
