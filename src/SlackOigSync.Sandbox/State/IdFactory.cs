namespace SlackOigSync.Sandbox.State;

/// <summary>Deterministic ids in the real formats: Okta's 20-character ids (00u…, 0oa…, esp…, ent…, 0gg…) and Slack's U…/T…/E…/C….</summary>
public sealed class IdFactory(int seed)
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SlackAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public string Okta(string prefix) => prefix + Draw(Base62, 20 - prefix.Length);

    public string Slack(char prefix) => prefix + Draw(SlackAlphabet, 10);

    private string Draw(string alphabet, int length)
    {
        Span<char> chars = stackalloc char[length];
        lock (_gate)
        {
            for (var i = 0; i < length; i++)
            {
                chars[i] = alphabet[_random.Next(alphabet.Length)];
            }
        }

        return new string(chars);
    }
}
