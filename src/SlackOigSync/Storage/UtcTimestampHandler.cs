using System.Data;
using System.Globalization;
using Dapper;

namespace SlackOigSync.Storage;

/// <summary>
/// The one place a timestamp meets SQLite: every <see cref="DateTimeOffset"/> (and <see cref="Nullable{T}"/> of it) Dapper
/// binds is written as TEXT in UTC as "yyyy-MM-ddTHH:mm:ss.fffffff+00:00", and every time column is read back as UTC.
/// That is DateTimeOffset.ToString("O") of a UTC time, so every table but sync_lease held it already: keeping it (rather
/// than a "…Z" form) keeps the text comparisons and ORDER BYs on time columns right across rows written before and
/// after, without rewriting the audit trail. It is fixed-width, so text order is time order. sync_lease alone was
/// written as "yyyy-MM-ddTHH:mm:ss.fffZ"; migration 9 rewrote that row. Reading still accepts both forms, and any
/// ISO-8601 time (one without an offset is taken as UTC), since a file may be older or edited by hand.
/// Registered once per process by <see cref="Register"/>, from <see cref="SyncDatabase"/>'s static constructor.
/// </summary>
public sealed class UtcTimestampHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    /// <summary>The format written: "O" of a UTC time, spelled out so that no offset but +00:00 is ever written.</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'+00:00'";

    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>The text stored for <paramref name="time"/>.</summary>
    public static string ToText(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>A stored time as UTC; throws <see cref="FormatException"/> naming the text when it is no time.</summary>
    public static DateTimeOffset FromText(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : throw new FormatException($"'{text}' is not a timestamp (expected ISO-8601, such as {ToText(DateTimeOffset.UnixEpoch)})");

    /// <summary>
    /// Makes Dapper write and read timestamps through this handler. Dapper maps DateTimeOffset to DbType.DateTimeOffset
    /// by itself, and that map wins over a handler, so it is removed first (Microsoft.Data.Sqlite would otherwise write
    /// its own "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", which neither sorts nor matches the rows already stored).
    /// </summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
            SqlMapper.AddTypeHandler(new UtcTimestampHandler());
            _registered = true;
        }
    }

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = ToText(value);
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        string text => FromText(text),
        DateTimeOffset time => time.ToUniversalTime(),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => throw new FormatException($"a {value.GetType().Name} is not a timestamp"),
    };
}
