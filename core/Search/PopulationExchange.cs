using HyperSearch.Spec;

namespace HyperSearch.Search;

/// <summary>
/// A trial's move onto another trial's checkpoint (PBT's exploit and explore): it continues from
/// <paramref name="Donor"/>'s checkpoint with <paramref name="Parameters"/>, the donor's perturbed.
/// </summary>
/// <param name="Donor">The trial number whose checkpoint the trial continues from.</param>
/// <param name="Parameters">The parameters the trial continues with.</param>
public sealed record class PopulationExchange(int Donor, Dictionary<string, ParamValue> Parameters);
