namespace HyperSearch.Bench.Orchestration;

/// <summary>What the call recorders share: which calls are ours, and their names.</summary>
internal static class RecordingCallFilters
{
    public static bool IsOurs(Type? type) => type?.Namespace?.StartsWith("HyperSearch", StringComparison.Ordinal) == true;

    public static string Name(IGrainCallContext context) => $"{context.InterfaceMethod?.DeclaringType?.Name}.{context.MethodName}";

    /// <summary>An Exchange that only asked for trials and got none (the sweep had no work then): counted apart as "(none)".</summary>
    public static bool LeasedNothing(IGrainCallContext context) =>
        context.MethodName == "Exchange"
        && context.Request.GetArgument(0) is Sweeps.SlotMessage[] messages && messages.All(m => m.Finish is null && m.WantsNext)
        && context.Result is Sweeps.SlotReply[] replies && replies.All(r => r.Next is null);
}
