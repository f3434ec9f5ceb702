namespace Bastion.Providers.CloudStack.Api;

/// <summary>Parameter descriptions and patterns the CloudStack tools share, and the filter dictionary they send.</summary>
internal static class CloudStackText
{
    public const string Limit = "Most items to return.";
    public const string Keyword = "Only names matching this text.";
    public const string ZoneFilter = "Only this zone id.";
    public const string IdPattern = "^[A-Za-z0-9-]{1,64}$";

    /// <summary>The filters that have a value, for <see cref="CloudStackClient.ListAsync{T}"/>.</summary>
    public static Dictionary<string, string?> Filters(params (string Name, string? Value)[] filters) =>
        filters.Where(f => !string.IsNullOrEmpty(f.Value)).ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
}
