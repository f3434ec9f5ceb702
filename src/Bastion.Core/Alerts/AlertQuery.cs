namespace Bastion.Core.Alerts;

/// <summary>Which alerts to read from the store.</summary>
/// <param name="State">firing, resolved or all.</param>
/// <param name="Since">Only alerts that fired or resolved at or after this time, or still fire; null for all.</param>
/// <param name="Hosts">Only these hosts; null for all.</param>
/// <param name="Limit">Most alerts returned, newest first.</param>
public sealed record AlertQuery(string State, DateTimeOffset? Since, IReadOnlyCollection<string>? Hosts, int Limit);
