namespace HyperSearch.Bench.Orchestration;

/// <summary>What the call recorders share: which calls are ours, and their names.</summary>
internal static class RecordingCallFilters
{
    public static bool IsOurs(Type? type) => type?.Namespace?.StartsWith("HyperSearch", StringComparison.Ordinal) == true;

    public static string Name(IGrainCallContext context) => $"{context.InterfaceMethod?.DeclaringType?.Name}.{context.MethodName}";
}
