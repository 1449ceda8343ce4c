namespace HyperSearch.Tests.Commands;

/// <summary>Tests that measure this process's allocations run alone: others' allocations would count against them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuredCollection
{
    public const string Name = "memory measured";
}
