namespace SlackOigSync.Http;

/// <summary>
/// Keeps one paged listing honest: every next link stays on the configured origin (so no credential is ever sent
/// elsewhere), no link or cursor comes back a second time, and the listing ends within the page cap. Whatever breaks
/// one of these ends the run; it is never read as the end of the list.
/// </summary>
public sealed class ListingGuard
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly string _api;
    private readonly string _operation;
    private readonly Uri _origin;
    private readonly int _maxPages;
    private int _pages;

    public ListingGuard(string api, string operation, Uri baseAddress, int maxPages)
    {
        _api = api;
        _operation = operation;
        _origin = baseAddress;
        _maxPages = maxPages;
    }

    /// <summary>Counts the page about to be requested; the one past Http:MaxPagesPerListing is refused.</summary>
    public void CountPage()
    {
        if (++_pages > _maxPages)
        {
            throw new ApiException(_api, _operation, null, "too_many_pages",
                $"the listing went on past {_maxPages} pages (Http:MaxPagesPerListing) and was stopped instead of read without end. Raise Http:MaxPagesPerListing if the org really is that large; otherwise the API is paging in circles, so run again later.");
        }
    }

    /// <summary>The first page's address, remembered so that a link back to it counts as a repeat.</summary>
    public Uri First(string relative)
    {
        var first = new Uri(_origin, relative);
        _seen.Add(first.AbsoluteUri);
        return first;
    }

    /// <summary>The absolute address of a next link, once it is known to be on the configured origin and new to this listing.</summary>
    public Uri Next(string link)
    {
        if (!Uri.TryCreate(_origin, link, out var next) || !SameOrigin(next))
        {
            var host = next is null ? "an address that cannot be parsed" : $"{next.Scheme}://{next.Authority}";
            throw new ApiException(_api, _operation, 200, "foreign_link",
                $"the next-page link points at {host}, not at the configured {_origin.Scheme}://{_origin.Authority}; links are followed only on the configured origin, so nothing was sent there. Check the base URL setting, or the proxy in front of the API that rewrites links.");
        }

        if (!_seen.Add(next.AbsoluteUri))
        {
            throw Repeated("next-page link");
        }

        return next;
    }

    /// <summary>A cursor, once it is known to be new to this listing.</summary>
    public string Cursor(string cursor) => _seen.Add("cursor:" + cursor) ? cursor : throw Repeated("cursor");

    private bool SameOrigin(Uri uri) =>
        uri.IsAbsoluteUri
        && string.Equals(uri.Scheme, _origin.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, _origin.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == _origin.Port
        && string.IsNullOrEmpty(uri.UserInfo);

    private ApiException Repeated(string what) =>
        new(_api, _operation, 200, "repeated_page",
            $"the {what} after page {_pages} repeats one already followed in this listing; a listing that pages in circles is stopped instead of read for ever. Run again later; if it persists, report it to the API's support.");
}
