using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HyperSearch.Spec;

/// <summary>
/// Passes the YAML parser's events through and refuses a document nested deeper than
/// <see cref="SpecLimits.Nesting"/>: the node tree is built recursively, so tens of thousands of
/// nested <c>[</c> in a small file would otherwise overflow the stack and kill the process (a silo
/// among them, when the spec came through its gateway).
/// </summary>
internal sealed class DepthLimitedParser(IParser inner) : IParser
{
    private int _depth;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case SequenceStart or MappingStart when ++_depth > SpecLimits.Nesting:
                throw new YamlException(inner.Current.Start, inner.Current.End, $"nested deeper than {SpecLimits.Nesting} levels");
            case SequenceEnd or MappingEnd:
                _depth--;
                break;
        }

        return true;
    }
}
