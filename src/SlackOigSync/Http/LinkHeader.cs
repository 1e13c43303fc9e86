namespace SlackOigSync.Http;

/// <summary>Reads the rel="next" target of Okta's Link headers as written; the caller decides whether it may be followed.</summary>
public static class LinkHeader
{
    public static string? Next(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var link in values.SelectMany(v => v.Split(',')))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length >= 2 && parts.Skip(1).Any(IsRelNext)
                && parts[0].StartsWith('<') && parts[0].EndsWith('>'))
            {
                return parts[0][1..^1];
            }
        }

        return null;
    }

    /// <summary>rel="next" or rel=next (RFC 8288 allows both), also among several relation types.</summary>
    private static bool IsRelNext(string parameter)
    {
        var pair = parameter.Split('=', 2, StringSplitOptions.TrimEntries);
        return pair.Length == 2 && pair[0].Equals("rel", StringComparison.OrdinalIgnoreCase)
            && pair[1].Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("next", StringComparer.OrdinalIgnoreCase);
    }
}
