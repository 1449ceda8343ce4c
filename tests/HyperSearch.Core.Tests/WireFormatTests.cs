using HyperSearch.Spec;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace HyperSearch.Core.Tests;

/// <summary>A parsed spec and a spec error travel through grain calls and grain state.</summary>
public sealed class WireFormatTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer()
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void SweepSpec_RoundTripsThroughOrleansSerializer()
    {
        var spec = SpecParser.Parse(TestSpecs.DesignExample, TestSpecs.Lenient);

        var copy = Serializer.Deserialize<SweepSpec>(Serializer.SerializeToArray(spec))!;

        Assert.Equal(spec.Budget, copy.Budget);
        Assert.Equal(spec.Data, copy.Data);
        Assert.Equal(spec.Space.Length, copy.Space.Length);
        var hidden = copy.Space.Single(p => p.Name == "hidden");
        Assert.True(hidden.Options[1].SameAs(ParamValue.OfList([512, 256])));
        Assert.Equal("model", hidden.When.Single().Parameter);
    }

    [Fact]
    public void SpecException_KeepsItsErrorsAcrossTheWire()
    {
        var exception = new SpecException([new SpecError("budget.trials", "must be at least 1, got 0"), new SpecError("name", "required")]);

        var copy = Serializer.Deserialize<SpecException>(Serializer.SerializeToArray(exception))!;

        Assert.Equal(exception.Errors, copy.Errors);
        Assert.Equal(exception.Message, copy.Message);
    }
}
