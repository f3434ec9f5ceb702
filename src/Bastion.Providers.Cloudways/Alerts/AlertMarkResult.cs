using System.ComponentModel;

namespace Bastion.Providers.Cloudways.Alerts;

/// <summary>Result of cloudways_alert_mark_read.</summary>
internal sealed record AlertMarkResult(
    [property: Description("The alert marked read; null when all were.")] long? AlertId,
    [property: Description("True when every alert was marked read.")] bool All,
    [property: Description("Cloudways' answer in words.")] string Message);
