using HyperSearch.Trainer.Command;

namespace HyperSearch.Trainer.Tests;

public sealed class ReportLineTests
{
    [Fact]
    public void Pairs_WithAnEpoch_AreAReport()
    {
        Assert.True(ReportLine.TryParse("epoch=3 val_accuracy=0.912 val_loss=0.251", out var epoch));

        Assert.Equal(3, epoch.Epoch);
        Assert.Equal(new Dictionary<string, double> { ["val_accuracy"] = 0.912, ["val_loss"] = 0.251 }, epoch.Metrics);
    }

    [Fact]
    public void JsonObject_WithAnEpoch_IsAReport_AndKeepsOnlyItsNumbers()
    {
        Assert.True(ReportLine.TryParse("""{"epoch": 2, "val_top1": 0.5, "note": "fine", "train_loss": "NaN"}""", out var epoch));

        Assert.Equal(2, epoch.Epoch);
        Assert.Equal(0.5, epoch.Metrics["val_top1"]);
        Assert.True(double.IsNaN(epoch.Metrics["train_loss"]));
        Assert.False(epoch.Metrics.ContainsKey("note"));
    }

    [Fact]
    public void NanAndInfinity_AreNumbers_SoDivergenceIsSeen()
    {
        Assert.True(ReportLine.TryParse("epoch=1 train_loss=nan val_loss=inf", out var epoch));

        Assert.True(double.IsNaN(epoch.Metrics["train_loss"]));
        Assert.True(double.IsPositiveInfinity(epoch.Metrics["val_loss"]));
    }

    [Theory]
    [InlineData("loading data from /usr/share/datasets")]
    [InlineData("config: lr=0.1 weight_decay=0.0001")]
    [InlineData("val_accuracy=0.9 val_loss=0.3")]
    [InlineData("epoch=abc val_loss=0.3")]
    [InlineData("epoch=0 val_loss=0.3")]
    [InlineData("epoch=1.5 val_loss=0.3")]
    [InlineData("epoch=2 val_loss=fast")]
    [InlineData("{not json")]
    [InlineData("""{"val_loss": 0.3}""")]
    [InlineData("[1, 2, 3]")]
    [InlineData("")]
    public void OtherLines_AreLogOutput(string line)
    {
        Assert.False(ReportLine.TryParse(line, out _));
    }
}
