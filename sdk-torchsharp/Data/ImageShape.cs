using System.Text.Json.Serialization;

namespace HyperSearch.Trainer.Data;

/// <summary>The shape of one image: channels x height x width, stored channel-major (CIFAR-10's layout).</summary>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    [JsonIgnore]
    public int Features => Channels * Height * Width;

    [JsonIgnore]
    public int PixelsPerChannel => Height * Width;

    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
