using System.Text.Json.Nodes;
using HyperSearch.Ensembles;
using HyperSearch.Sdk;
using HyperSearch.Spec;

namespace HyperSearch.Sweeps;

/// <summary>
/// The run summary of docs/design.md, built from a snapshot: what <c>hypersearch run --json</c> prints
/// as its last line, for scripts.
/// </summary>
public static class RunSummary
{
    /// <summary>Every data set the trainer knows has 10 classes.</summary>
    private const int ClassCount = 10;

    /// <summary>How far (relative) a first loss may sit from ln(classes) before it is worth a warning.</summary>
    private const double InitialLossTolerance = 0.25;

    public static JsonObject Build(SweepSnapshot snapshot, DateTime now, EnsembleReport? ensemble = null)
    {
        var end = snapshot.FinishedUtc ?? now;
        var best = snapshot.Best();
        var trials = new JsonObject { ["total"] = snapshot.Trials.Length };
        foreach (var status in new[] { TrialStatus.Completed, TrialStatus.Pruned, TrialStatus.Diverged, TrialStatus.Failed, TrialStatus.Cancelled })
        {
            trials[status.ToWireName()] = snapshot.Count(status);
        }

        var summary = new JsonObject
        {
            ["sweepId"] = snapshot.SweepId,
            ["name"] = snapshot.Name,
            ["status"] = snapshot.Status.ToWireName(),
            ["endReason"] = ReasonNames.Of(snapshot.EndReason),
            ["elapsedSeconds"] = Math.Round((end - snapshot.CreatedUtc).TotalSeconds, 1),
            ["trials"] = trials,
            ["epochsTrained"] = snapshot.EpochsTrained,
            ["best"] = best is null ? null : TrialJson(best),
            ["ensemble"] = ensemble is null ? null : EnsembleJson(ensemble),
            ["warnings"] = new JsonArray(Warnings(snapshot).Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()),
        };
        if (snapshot.Spec?.Parent is { } parent)
        {
            summary["parent"] = parent; // the sweep this round refines (hypersearch refine)
        }

        if (snapshot.Spec?.WarmStart is { } warmStart)
        {
            summary["warmStart"] = new JsonArray(warmStart.Sweeps.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray());
        }

        if (snapshot.Spec?.Scheduler is { Mode: SchedulerMode.Pause } scheduler)
        {
            // Paper ASHA: how often trials paused at a rung and were promoted later.
            summary["scheduler"] = new JsonObject
            {
                ["type"] = SpecNames.Of(scheduler.Type),
                ["mode"] = SpecNames.Of(scheduler.Mode),
                ["paused"] = snapshot.Trials.Sum(t => t.Pauses),
                ["promoted"] = snapshot.Trials.Sum(t => t.Promotions),
                ["pruned"] = snapshot.Count(TrialStatus.Pruned),
            };
        }

        if (snapshot.Spec?.Scheduler is { Type: SchedulerType.Pbt } pbt)
        {
            summary["pbt"] = PbtJson(snapshot, pbt);
        }

        if (snapshot.Retrains is { } retrains)
        {
            // ensemble.retrain: what retraining cost, apart from the search's epochsTrained.
            summary["retrains"] = new JsonArray(retrains.Select(r => (JsonNode?)new JsonObject
            {
                ["trialId"] = r.TrialId,
                ["status"] = r.Status.ToWireName(),
                ["epochs"] = r.Epochs,
                ["attempts"] = r.Attempt,
                ["resumedFrom"] = r.ResumedFrom is { Length: > 0 } resumed ? new JsonArray(resumed.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray()) : null,
                ["seconds"] = r.StartedUtc is { } started && r.EndedUtc is { } ended ? Math.Round((ended - started).TotalSeconds, 1) : null,
                ["test"] = r.Test is null ? null : new JsonObject(r.Test.Select(f => KeyValuePair.Create<string, JsonNode?>(f.Key, f.Value))),
                ["message"] = r.Message,
            }).ToArray());
        }

        if (snapshot.Trials.Any(t => t.Attempt > 1))
        {
            // Only after a lost attempt: what the faults cost, and what resuming saved of it.
            summary["faults"] = FaultsJson(snapshot);
        }

        if (snapshot.Spec?.Search.Strategy is SearchStrategy.Tpe or SearchStrategy.Gp && ProposalTally.Of(snapshot.Trials) is { } tally)
        {
            // Model-based search only: how many trials its model proposed, and from which trial on.
            summary["search"] = new JsonObject
            {
                ["strategy"] = SpecNames.Of(snapshot.Spec.Search.Strategy),
                ["proposedBy"] = new JsonObject(tally.Counts.Select(c => KeyValuePair.Create<string, JsonNode?>(ProposalTally.NameOf(c.Source), c.Trials))),
                ["modelFrom"] = tally.FirstModelTrial is { } first ? TrialRecord.IdFor(first) : null,
            };
        }

        if (snapshot.Rounds is { } rounds)
        {
            // Only coarse-to-fine has rounds; other summaries keep docs/design.md's shape exactly.
            summary["rounds"] = SearchRoundReport.Json(rounds);
        }

        return summary;
    }

    /// <summary>
    /// Attempts lost and re-run, how many of the re-runs continued from a checkpoint, and the
    /// epochs trained that no final curve holds (trained again after a loss).
    /// </summary>
    public static JsonObject FaultsJson(SweepSnapshot snapshot) => new()
    {
        ["requeuedAttempts"] = snapshot.Trials.Sum(t => t.Attempt - 1),
        ["resumedAttempts"] = snapshot.Trials.Sum(t => t.ResumedFrom?.Length ?? 0),
        ["epochsInCurves"] = snapshot.Trials.Sum(t => t.Epochs.Length),
        ["epochsRetrained"] = snapshot.EpochsTrained - snapshot.Trials.Sum(t => t.Epochs.Length),
    };

    /// <summary>
    /// PBT: every trial's hyperparameter schedule: the parameters it started with, then each
    /// exploit (after which epoch, from which trial, with which explored parameters).
    /// </summary>
    public static JsonObject PbtJson(SweepSnapshot snapshot, SchedulerSpec pbt)
    {
        var trials = new JsonObject();
        foreach (var trial in snapshot.Trials)
        {
            trials[trial.TrialId] = new JsonObject
            {
                ["initial"] = ParametersJson(trial.InitialParameters ?? trial.Parameters),
                ["lineage"] = new JsonArray((trial.Lineage ?? []).Select(step => (JsonNode?)new JsonObject
                {
                    ["epoch"] = step.Epoch,
                    ["from"] = TrialRecord.IdFor(step.Donor),
                    ["params"] = ParametersJson(step.Parameters),
                }).ToArray()),
            };
        }

        return new JsonObject
        {
            ["interval_epochs"] = pbt.IntervalEpochs,
            ["quantile"] = pbt.Quantile,
            ["resample_probability"] = pbt.ResampleProbability,
            ["exploits"] = snapshot.Trials.Sum(t => t.Lineage?.Length ?? 0),
            ["pauses"] = snapshot.Trials.Sum(t => t.Pauses),
            ["trials"] = trials,
        };
    }

    private static JsonObject ParametersJson(IReadOnlyDictionary<string, ParamValue> parameters)
    {
        var json = new JsonObject();
        foreach (var (name, value) in parameters)
        {
            json[name] = value.ToJson();
        }

        return json;
    }

    public static JsonObject EnsembleJson(EnsembleReport ensemble)
    {
        var weights = new JsonObject();
        foreach (var member in ensemble.Members)
        {
            weights[member.TrialId] = member.Weight;
        }

        return new JsonObject
        {
            ["members"] = new JsonArray(ensemble.Members.Select(m => (JsonNode?)JsonValue.Create(m.TrialId)).ToArray()),
            ["weights"] = weights,
            ["method"] = SpecNames.Of(ensemble.Method),
            ["topK"] = ensemble.TopK,
            ["metrics"] = new JsonObject
            {
                ["val_accuracy"] = ensemble.Validation.Accuracy,
                ["val_nll"] = ensemble.Validation.NegativeLogLikelihood,
                ["test_accuracy"] = ensemble.Test.Accuracy,
                ["test_nll"] = ensemble.Test.NegativeLogLikelihood,
            },
            ["bestSingle"] = new JsonObject
            {
                ["trialId"] = ensemble.BestSingleTrialId,
                ["test_accuracy"] = ensemble.BestSingleTest.Accuracy,
                ["test_nll"] = ensemble.BestSingleTest.NegativeLogLikelihood,
            },
            ["manifest"] = ensemble.ManifestPath,
            // Why each candidate is in or out (core/Ensembles/CandidateVerdicts.cs); null for a report read back from a manifest.
            ["candidates"] = ensemble.Candidates is not { } candidates ? null : new JsonArray(candidates.Select(c => (JsonNode?)new JsonObject
            {
                ["id"] = c.Id,
                ["weight"] = c.Weight,
                ["val_accuracy"] = c.Validation.Accuracy,
                ["val_nll"] = c.Validation.NegativeLogLikelihood,
                ["ensembleValNllIfAdded"] = c.EnsembleNllIfAdded,
                ["addedShare"] = c.AddedShare,
                ["ensembleValNllIfRemoved"] = c.EnsembleNllIfRemoved,
            }).ToArray()),
            ["unconstrainedValNll"] = ensemble.UnconstrainedValidationNll,
            ["retrained"] = ensemble.Retrained is not { } retrained ? null : new JsonObject
            {
                ["test_accuracy"] = retrained.Test?.Accuracy,
                ["test_nll"] = retrained.Test?.NegativeLogLikelihood,
                ["bestSingle"] = retrained.BestSingleTest is not { } best ? null : new JsonObject
                {
                    ["test_accuracy"] = best.Accuracy,
                    ["test_nll"] = best.NegativeLogLikelihood,
                },
                ["checkpoints"] = new JsonArray(retrained.CheckpointPaths.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
                ["problem"] = retrained.Problem,
            },
            ["testTimeAugmentation"] = ensemble.Augmented is not { } augmented ? null : new JsonObject
            {
                ["augmentation"] = SpecNames.Of(augmented.Augmentation),
                ["test_accuracy"] = augmented.Test.Accuracy,
                ["test_nll"] = augmented.Test.NegativeLogLikelihood,
                ["bestSingle"] = Scores(augmented.BestSingleTest),
                ["retrained"] = augmented.RetrainedTest is null && augmented.RetrainedBestSingleTest is null ? null : new JsonObject
                {
                    ["test_accuracy"] = augmented.RetrainedTest?.Accuracy,
                    ["test_nll"] = augmented.RetrainedTest?.NegativeLogLikelihood,
                    ["bestSingle"] = augmented.RetrainedBestSingleTest is { } retrainedBest ? Scores(retrainedBest) : null,
                },
            },
        };
    }

    private static JsonObject Scores(ScoreReport score) => new()
    {
        ["test_accuracy"] = score.Accuracy,
        ["test_nll"] = score.NegativeLogLikelihood,
    };

    public static JsonObject TrialJson(TrialRecord trial)
    {
        var parameters = new JsonObject();
        foreach (var (name, value) in trial.Parameters)
        {
            parameters[name] = value.ToJson();
        }

        var metrics = new JsonObject();
        // The trainer's own metric names: the last epoch's figures, then its test figures.
        foreach (var (name, value) in (trial.LastEpoch?.Values ?? []).Concat(trial.Test ?? []))
        {
            metrics[name] = value;
        }

        var json = new JsonObject
        {
            ["trialId"] = trial.TrialId,
            ["status"] = trial.Status.ToWireName(),
            ["params"] = parameters,
            ["metrics"] = metrics,
            ["epochs"] = trial.Epochs.Length,
            ["attempts"] = trial.Attempt,
        };
        if (trial.ProposedBy is { } source)
        {
            json["proposedBy"] = ProposalTally.NameOf(source);
        }

        if (trial.LastEpoch?.Diagnostics is { Count: > 0 } diagnostics)
        {
            // Not objectives: the learning rate and the update-to-weight ratios of the last epoch.
            json["diagnostics"] = new JsonObject(diagnostics.OrderBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => KeyValuePair.Create<string, JsonNode?>(d.Key, double.IsFinite(d.Value) ? JsonValue.Create(d.Value) : null)));
        }

        if (trial.Events is { Length: > 0 } events)
        {
            json["events"] = new JsonArray(events.Select(e => (JsonNode?)JsonValue.Create(e.ToString())).ToArray());
        }

        if (trial.ResumedFrom is { Length: > 0 } resumed)
        {
            json["resumedFrom"] = new JsonArray(resumed.Select(epoch => (JsonNode?)JsonValue.Create(epoch)).ToArray());
        }

        if (trial.CheckpointPath is { } checkpoint)
        {
            json["checkpoint"] = checkpoint;
        }

        return json;
    }

    /// <summary>
    /// Warnings a user must see: a best value in the outer tenth of its range (cs231n: the optimum
    /// may lie beyond the range, so widen it), and trials whose first loss was far from ln(10).
    /// </summary>
    public static IReadOnlyList<string> Warnings(SweepSnapshot snapshot)
    {
        var warnings = new List<string>();
        var expected = Math.Log(ClassCount);
        var offStart = snapshot.Trials
            .Where(t => t.InitialLoss is { } loss && (double.IsNaN(loss) || Math.Abs(loss - expected) > InitialLossTolerance * expected))
            .ToList();
        if (offStart.Count > 0)
        {
            var example = offStart[0];
            warnings.Add($"{offStart.Count} trial(s) started with a loss far from ln({ClassCount}) = {expected:F2} (e.g. {example.TrialId}: {example.InitialLoss:F2}): check the weight initialization and the data");
        }

        if (snapshot.Rounds is { } rounds)
        {
            warnings.AddRange(SearchRoundReport.Warnings(rounds));
        }

        // Sanity events other than the first loss (above) and divergence (a status of its own).
        var flagged = snapshot.Trials
            .Where(t => t.Events?.Any(e => e.Kind == TrialEventKind.UpdateRatio) == true)
            .ToList();
        if (flagged.Count > 0)
        {
            warnings.Add($"{flagged.Count} trial(s) had layers with unhealthy update-to-weight ratios (e.g. {flagged[0].TrialId}: {flagged[0].Events!.First(e => e.Kind == TrialEventKind.UpdateRatio)})");
        }

        if (snapshot.Spec is null || snapshot.Best() is not { } best)
        {
            return warnings;
        }

        foreach (var parameter in snapshot.Spec.Space)
        {
            if (parameter.Kind is not (DistributionKind.Uniform or DistributionKind.LogUniform or DistributionKind.Int)
                || !best.Parameters.TryGetValue(parameter.Name, out var value) || !value.IsNumeric || parameter.High <= parameter.Low)
            {
                continue;
            }

            var position = RangePosition.Of(parameter, value.Number);
            if (position >= 0.9)
            {
                warnings.Add($"best {parameter.Name} lies at the upper edge of its range ({value} in [{Format(parameter.Low)}, {Format(parameter.High)}]): widen the range upward");
            }
            else if (position <= 0.1)
            {
                warnings.Add($"best {parameter.Name} lies at the lower edge of its range ({value} in [{Format(parameter.Low)}, {Format(parameter.High)}]): widen the range downward");
            }
        }

        return warnings;
    }

    private static string Format(double value) => value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
}
