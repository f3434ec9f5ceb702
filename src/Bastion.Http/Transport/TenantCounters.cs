using Bastion.Core.Policy;

namespace Bastion.Http.Transport;

/// <summary>
/// Counts of something held (sessions, in-flight requests) for the whole server, per tenant and per principal, taken
/// and given back together under one lock so that the three caps hold at once. An unauthenticated local caller counts
/// as principal <c>local</c> of no tenant.
/// </summary>
/// <param name="what">What is counted, plural, for messages (<c>sessions</c>).</param>
/// <param name="cap">The caps' name stem in error data (<c>sessions</c>, <c>in_flight</c>).</param>
/// <param name="global">The server-wide cap and its option.</param>
/// <param name="perTenant">The per-tenant cap and its option.</param>
/// <param name="perPrincipal">The per-principal cap and its option.</param>
/// <param name="howToFree">How a client frees a slot, ending the message.</param>
internal sealed class TenantCounters(string what, string cap, (int Limit, string Flag) global, (int Limit, string Flag) perTenant, (int Limit, string Flag) perPrincipal, string howToFree)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _tenants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _principals = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>How many are held on the whole server.</summary>
    public int Total
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Takes one for <paramref name="principal"/>; null when taken, else which cap refused it (nothing is taken then).</summary>
    public CapRefusal? TryTake(Principal? principal)
    {
        var (tenant, name) = Keys(principal);
        lock (_gate)
        {
            var refusal =
                _principals.GetValueOrDefault(name) >= perPrincipal.Limit
                    ? new CapRefusal($"{cap}_per_principal", perPrincipal.Flag, perPrincipal.Limit, $"Too Many Requests: principal '{principal?.Name ?? "local"}' holds its maximum of {perPrincipal.Limit} {what} ({perPrincipal.Flag}); {howToFree}")
                : _tenants.GetValueOrDefault(tenant) >= perTenant.Limit
                    ? new CapRefusal($"{cap}_per_tenant", perTenant.Flag, perTenant.Limit, $"Too Many Requests: tenant '{principal?.Tenant ?? "(none)"}' holds its maximum of {perTenant.Limit} {what} ({perTenant.Flag}); {howToFree}")
                : _total >= global.Limit
                    ? new CapRefusal(cap, global.Flag, global.Limit, $"Too Many Requests: the server holds its maximum of {global.Limit} {what} for all tenants ({global.Flag}); {howToFree}")
                : null;
            if (refusal is null)
            {
                _total++;
                _tenants[tenant] = _tenants.GetValueOrDefault(tenant) + 1;
                _principals[name] = _principals.GetValueOrDefault(name) + 1;
            }

            return refusal;
        }
    }

    /// <summary>Gives back one taken for <paramref name="principal"/>.</summary>
    public void Give(Principal? principal)
    {
        var (tenant, name) = Keys(principal);
        lock (_gate)
        {
            _total--;
            Decrement(_tenants, tenant);
            Decrement(_principals, name);
        }
    }

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        if (counts.TryGetValue(key, out var count) && count > 1)
        {
            counts[key] = count - 1;
        }
        else
        {
            counts.Remove(key);
        }
    }

    private static (string Tenant, string Principal) Keys(Principal? principal)
    {
        var tenant = principal?.Tenant ?? string.Empty;
        return (tenant, tenant + "\n" + (principal?.Name ?? "local"));
    }
}
