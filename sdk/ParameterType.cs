namespace HyperSearch.Sdk;

/// <summary>What kind of value a trainer parameter takes.</summary>
public enum ParameterType
{
    /// <summary>A real number (integers in the spec are widened to numbers); a <see cref="double"/> in training.</summary>
    Real,

    /// <summary>A whole number; a <see cref="long"/> in training.</summary>
    Integer,

    /// <summary>A word; <see cref="ParameterDefinition.Words"/> lists the allowed ones when they are fixed.</summary>
    Word,

    /// <summary>true or false.</summary>
    Flag,

    /// <summary>A word or true/false (an on/off switch that may also name a variant).</summary>
    WordOrFlag,

    /// <summary>A list of whole numbers such as layer widths <c>[512, 256]</c> (a single integer n means [n]); a <c>long[]</c> in training.</summary>
    IntList,
}
