using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// One parameter as TPE's kernels see it: a choice is an option index; a range is a number in its
/// own scale (log for log-uniform) between <see cref="Low"/> and <see cref="High"/>; an int range
/// is that range widened by half a step each side and quantized, so every integer gets the same width.
/// </summary>
internal sealed class TpeDimension
{
    private TpeDimension(ParameterSpec parameter, double low, double high)
    {
        Parameter = parameter;
        Low = low;
        High = high;
    }

    public ParameterSpec Parameter { get; }

    public bool IsChoice => Parameter.Kind == DistributionKind.Choice;

    public bool IsQuantized => Parameter.Kind == DistributionKind.Int;

    public int Options => Parameter.Options.Length;

    public double Low { get; }

    public double High { get; }

    public double Width => High - Low;

    public static TpeDimension For(ParameterSpec parameter)
    {
        if (parameter.Kind == DistributionKind.Choice)
        {
            return new TpeDimension(parameter, 0, parameter.Options.Length);
        }

        double half = parameter.Kind == DistributionKind.Int ? 0.5 : 0;
        return new TpeDimension(parameter, ParameterScale.ToScale(parameter, parameter.Low) - half, ParameterScale.ToScale(parameter, parameter.High) + half);
    }

    /// <summary>The trial's value on this dimension; null when it lacks the parameter or its value is outside the space.</summary>
    public double? Read(IReadOnlyDictionary<string, ParamValue> parameters)
    {
        if (!parameters.TryGetValue(Parameter.Name, out var value))
        {
            return null;
        }

        if (IsChoice)
        {
            int index = Array.FindIndex(Parameter.Options, option => option.SameAs(value));
            return index >= 0 ? index : null;
        }

        if (!value.IsNumeric || double.IsNaN(value.Number) || value.Number < Parameter.Low || value.Number > Parameter.High)
        {
            return null;
        }

        return ParameterScale.ToScale(Parameter, value.Number);
    }

    /// <summary>The parameter value at <paramref name="position"/> on this dimension.</summary>
    public ParamValue ToValue(double position)
    {
        if (IsChoice)
        {
            return Parameter.Options[Math.Clamp((int)position, 0, Options - 1)];
        }

        if (IsQuantized)
        {
            return ParamValue.OfInteger((long)Math.Clamp(Math.Round(position), Parameter.Low, Parameter.High));
        }

        return ParamValue.Of(Math.Clamp(ParameterScale.FromScale(Parameter, position), Parameter.Low, Parameter.High));
    }
}
