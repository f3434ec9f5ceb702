using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways.Monitoring;

/// <summary>The window app analytics cover (Cloudways' <c>duration</c>).</summary>
internal enum AnalyticsWindow
{
    /// <summary>The last 15 minutes.</summary>
    [JsonStringEnumMemberName("15m")]
    Minutes15,

    /// <summary>The last 30 minutes.</summary>
    [JsonStringEnumMemberName("30m")]
    Minutes30,

    /// <summary>The last hour.</summary>
    [JsonStringEnumMemberName("1h")]
    Hour1,

    /// <summary>The last day.</summary>
    [JsonStringEnumMemberName("1d")]
    Day1,
}
