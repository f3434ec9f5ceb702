using Bastion.Core;

namespace Bastion.Http.Transport;

/// <summary>
/// How many sessions and in-flight requests the shared server holds at once: for the whole server, for each tenant and
/// for each principal, so that one tenant (or one runaway client) cannot take every slot from the others. A request
/// over a cap is answered HTTP 429 with a JSON-RPC error that names the cap and how to free a slot.
/// </summary>
public sealed record ConcurrencyLimits
{
    /// <summary>Most sessions open at once on the server (<c>--max-sessions</c>; 1,000).</summary>
    public int Sessions { get; init; } = 1000;

    /// <summary>Most sessions open at once for one tenant, all its principals together (<c>--max-sessions-per-tenant</c>; 200).</summary>
    public int SessionsPerTenant { get; init; } = 200;

    /// <summary>Most sessions open at once for one principal (<c>--max-sessions-per-principal</c>; 100).</summary>
    public int SessionsPerPrincipal { get; init; } = 100;

    /// <summary>Most POST requests being served at once on the server (<c>--max-in-flight</c>; 512).</summary>
    public int InFlight { get; init; } = 512;

    /// <summary>Most POST requests being served at once for one tenant (<c>--max-in-flight-per-tenant</c>; 64).</summary>
    public int InFlightPerTenant { get; init; } = 64;

    /// <summary>Most POST requests being served at once for one principal (<c>--max-in-flight-per-principal</c>; 32).</summary>
    public int InFlightPerPrincipal { get; init; } = 32;

    /// <summary>Checks that every cap is at least 1 and no narrower cap exceeds a wider one.</summary>
    /// <exception cref="BastionException">A cap is below 1, or a per-principal cap is above the per-tenant one, or a per-tenant cap above the global one.</exception>
    public ConcurrencyLimits Validate()
    {
        foreach (var (name, value) in new[]
        {
            ("--max-sessions", Sessions), ("--max-sessions-per-tenant", SessionsPerTenant), ("--max-sessions-per-principal", SessionsPerPrincipal),
            ("--max-in-flight", InFlight), ("--max-in-flight-per-tenant", InFlightPerTenant), ("--max-in-flight-per-principal", InFlightPerPrincipal),
        })
        {
            if (value < 1)
            {
                throw new BastionException($"{name} must be at least 1 (got {value}).");
            }
        }

        if (SessionsPerPrincipal > SessionsPerTenant || SessionsPerTenant > Sessions)
        {
            throw new BastionException($"Session caps must narrow: --max-sessions-per-principal ({SessionsPerPrincipal}) <= --max-sessions-per-tenant ({SessionsPerTenant}) <= --max-sessions ({Sessions}).");
        }

        if (InFlightPerPrincipal > InFlightPerTenant || InFlightPerTenant > InFlight)
        {
            throw new BastionException($"In-flight caps must narrow: --max-in-flight-per-principal ({InFlightPerPrincipal}) <= --max-in-flight-per-tenant ({InFlightPerTenant}) <= --max-in-flight ({InFlight}).");
        }

        return this;
    }
}
