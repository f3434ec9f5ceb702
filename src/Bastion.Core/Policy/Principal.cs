namespace Bastion.Core.Policy;

/// <summary>Who a call runs as: in stdio mode the local user with the configured scopes; over HTTP an authenticated key or token.</summary>
/// <param name="Name">The principal's name, as the audit log records it.</param>
/// <param name="Tenant">The tenant it belongs to; null in stdio mode.</param>
/// <param name="Scopes">What it may do (see <see cref="Policy.Scopes"/>).</param>
/// <param name="Mode">How much the server lets it change.</param>
public sealed record Principal(string Name, string? Tenant, IReadOnlySet<string> Scopes, Mode Mode)
{
    /// <summary>True when the principal holds <paramref name="scope"/>, or <c>admin</c>.</summary>
    public bool Has(string scope) => Scopes.Contains(scope) || Scopes.Contains(Policy.Scopes.Admin);
}
