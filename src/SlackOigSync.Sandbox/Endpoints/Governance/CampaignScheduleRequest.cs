using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static SlackOigSync.Sandbox.Endpoints.Governance.CampaignFields;

namespace SlackOigSync.Sandbox.Endpoints.Governance;

/// <summary>Reads a campaign's scheduleSettings: ONE_OFF or RECURRING, start, duration, time zone and recurrence.</summary>
internal static partial class CampaignScheduleRequest
{
    private static readonly string[] RepeatOnTypes = ["SAME_DAY_AS_START_DATE", "SAME_WEEKDAY_AS_START_DATE", "LAST_WEEKDAY_AS_START_DATE"];

    public static IResult? Read(
        JsonObject schedule, out string? type, out DateTimeOffset start, out double duration, out TimeZoneInfo? zone, out JsonObject? recurrence)
    {
        start = default;
        duration = 0;
        zone = null;
        recurrence = null;
        if (RequiredString(schedule, "type", "/scheduleSettings/type", 20, out type) is { } typeError)
        {
            return typeError;
        }

        if (type is not ("ONE_OFF" or "RECURRING"))
        {
            return Invalid("/scheduleSettings/type", $"{type} is not one of ONE_OFF, RECURRING");
        }

        if (RequiredString(schedule, "startDate", "/scheduleSettings/startDate", 64, out var rawStart) is { } startError)
        {
            return startError;
        }

        if (!TryDateTime(rawStart!, out start))
        {
            return Invalid("/scheduleSettings/startDate", $"{rawStart} is not an ISO 8601 date-time");
        }

        if (schedule["durationInDays"] is null)
        {
            return Missing("/scheduleSettings/durationInDays");
        }

        if (schedule["durationInDays"]!.GetValueKind() != JsonValueKind.Number || schedule["durationInDays"]!.GetValue<double>() < 1)
        {
            return Invalid("/scheduleSettings/durationInDays", "must be a number, at least 1");
        }

        duration = schedule["durationInDays"]!.GetValue<double>();
        if (RequiredString(schedule, "timeZone", "/scheduleSettings/timeZone", 64, out var zoneId) is { } zoneError)
        {
            return zoneError;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId!, out zone))
        {
            return Invalid("/scheduleSettings/timeZone", $"{zoneId} is not an IANA time zone");
        }

        var rawRecurrence = schedule["recurrence"];
        if (type == "ONE_OFF")
        {
            // "A campaign can be a ONE_OFF or a RECURRING campaign. You can't provide both in the campaign definition."
            return rawRecurrence is null ? null : Invalid("/scheduleSettings/recurrence", "applies to RECURRING campaigns only");
        }

        // The spec makes interval required within recurrence; a RECURRING campaign without any recurrence is taken as
        // missing it (a guess: the spec does not say so in as many words).
        if (rawRecurrence is not JsonObject recurrenceObject)
        {
            return rawRecurrence is null ? Missing("/scheduleSettings/recurrence") : Invalid("/scheduleSettings/recurrence", "must be an object");
        }

        if (RequiredString(recurrenceObject, "interval", "/scheduleSettings/recurrence/interval", 10, out var interval) is { } intervalError)
        {
            return intervalError;
        }

        if (!TryNextOccurrence(start, interval!, out var next))
        {
            return Invalid("/scheduleSettings/recurrence/interval", $"{interval} is not a supported interval (P1D–P182D, P1W–P26W, P1M–P24M, P1Y–P2Y)");
        }

        // "the interval should not conflict durationInDays": a campaign must end before its next occurrence starts.
        if (start.AddDays(duration) > next)
        {
            return Invalid("/scheduleSettings/durationInDays", $"{duration.ToString(CultureInfo.InvariantCulture)} days conflicts with the recurrence interval {interval}");
        }

        if (OptionalString(recurrenceObject, "repeatOnType", "/scheduleSettings/recurrence/repeatOnType", 40, out var repeatOn) is { } repeatError)
        {
            return repeatError;
        }

        if (repeatOn is not null && !RepeatOnTypes.Contains(repeatOn))
        {
            return Invalid("/scheduleSettings/recurrence/repeatOnType", $"{repeatOn} is not one of {string.Join(", ", RepeatOnTypes)}");
        }

        if (OptionalString(recurrenceObject, "ends", "/scheduleSettings/recurrence/ends", 64, out var ends) is { } endsError)
        {
            return endsError;
        }

        if (ends is not null && (!TryDateTime(ends, out var endsAt) || endsAt <= start))
        {
            return Invalid("/scheduleSettings/recurrence/ends", "must be an ISO 8601 date-time after startDate");
        }

        recurrence = (JsonObject)recurrenceObject.DeepClone();
        return null;
    }

    /// <summary>Recurrence intervals the spec allows: daily, weekly, monthly or yearly, up to P182D, P26W, P24M, P2Y.</summary>
    private static bool TryNextOccurrence(DateTimeOffset start, string interval, out DateTimeOffset next)
    {
        next = start;
        var match = IntervalPattern().Match(interval);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            return false;
        }

        (var max, next) = match.Groups[2].Value switch
        {
            "D" => (182, start.AddDays(n)),
            "W" => (26, start.AddDays(7 * n)),
            "M" => (24, n <= 24 ? start.AddMonths(n) : start),
            _ => (2, n <= 2 ? start.AddYears(n) : start),
        };
        return n <= max;
    }

    private static bool TryDateTime(string raw, out DateTimeOffset value)
    {
        value = default;
        return raw.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    [GeneratedRegex("^P([0-9]{1,3})([DWMY])$")]
    private static partial Regex IntervalPattern();
}
