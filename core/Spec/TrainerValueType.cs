namespace HyperSearch.Spec;

/// <summary>What kind of value a trainer parameter takes.</summary>
public enum TrainerValueType
{
    /// <summary>A real number (integers in the spec are widened to numbers).</summary>
    Real,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary>A word; <see cref="TrainerParameter.Words"/> lists the allowed ones when they are fixed.</summary>
    Word,

    /// <summary>true or false.</summary>
    Flag,

    /// <summary>A word or true/false (an on/off switch that may also name a variant).</summary>
    WordOrFlag,

    /// <summary>A list of whole numbers such as layer widths <c>[512, 256]</c> (a single integer n means [n]).</summary>
    IntList,
}
