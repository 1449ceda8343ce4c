using HyperSearch.Spec;

namespace HyperSearch.Core.Tests;

public sealed class SpecDurationTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("2h", 7200)]
    [InlineData("1h30m", 5400)]
    [InlineData("1h0m5s", 3605)]
    public void TryParse_AcceptsHoursMinutesSeconds(string text, int seconds)
    {
        Assert.True(SpecDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("90")]
    [InlineData("1.5h")]
    [InlineData("30m1h")]
    [InlineData("0s")]
    [InlineData("1d")]
    [InlineData("30m\n")]
    [InlineData("٣m")]
    public void TryParse_RejectsOtherSpellings(string text)
    {
        Assert.False(SpecDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(5400, "1h30m")]
    [InlineData(90, "1m30s")]
    [InlineData(7200, "2h")]
    public void Format_RoundTrips(int seconds, string text)
    {
        Assert.Equal(text, SpecDuration.Format(TimeSpan.FromSeconds(seconds)));
        Assert.True(SpecDuration.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromSeconds(seconds), back);
    }
}
