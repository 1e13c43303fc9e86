namespace SlackOigSync.Http;

/// <summary>Reads the rel="next" target of Okta's Link headers; the cursor inside is opaque and followed as given.</summary>
public static class LinkHeader
{
    public static Uri? Next(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var link in values.SelectMany(v => v.Split(',')))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length >= 2 && parts.Skip(1).Any(p => p.Replace(" ", string.Empty, StringComparison.Ordinal) == "rel=\"next\"")
                && parts[0].StartsWith('<') && parts[0].EndsWith('>'))
            {
                return new Uri(parts[0][1..^1]);
            }
        }

        return null;
    }
}
