namespace HyperSearch.Client.Commands;

/// <summary>An error the user can fix; printed as one line per problem, without a stack trace, exit code 2.</summary>
public sealed class UserErrorException(IReadOnlyList<string> lines) : Exception(string.Join(Environment.NewLine, lines))
{
    public UserErrorException(string line)
        : this([line])
    {
    }

    public IReadOnlyList<string> Lines { get; } = lines;
}
