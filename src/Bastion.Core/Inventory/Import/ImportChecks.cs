using System.Globalization;

namespace Bastion.Core.Inventory.Import;

/// <summary>Checks shared by the importers, worded to complete the sentences of <see cref="ImportResult.Skipped"/>.</summary>
internal static class ImportChecks
{
    /// <summary>What a port must look like, for messages.</summary>
    public const string PortRule = HostValidator.PortRule;

    /// <summary>Why <paramref name="name"/> cannot be an inventory name, or null when it can.</summary>
    /// <param name="name">The host or group name to check.</param>
    /// <param name="what">What the name is, e.g. <c>host name</c>.</param>
    public static string? NameProblem(string name, string what) =>
        !HostNames.IsValid(name) ? $"invalid {what}: use {HostNames.Rule}"
        : HostNames.Reserved.Contains(name) ? $"the name is reserved ({string.Join(", ", HostNames.Reserved)})"
        : null;

    /// <summary>The port <paramref name="value"/> spells (digits only, 1-65535), or null when it is not one.</summary>
    public static int? Port(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : null;

    /// <summary>
    /// <paramref name="host"/> when it passes <see cref="HostValidator"/>, the rule the inventory loader holds it to;
    /// otherwise null, after telling <paramref name="skip"/> which host and why.
    /// </summary>
    public static Host? Accept(Host host, Action<string> skip)
    {
        var problems = HostValidator.Problems(host);
        if (problems.Count == 0)
        {
            return host;
        }

        skip($"Host '{host.Name}' skipped: {string.Join("; ", problems)}.");
        return null;
    }
}
