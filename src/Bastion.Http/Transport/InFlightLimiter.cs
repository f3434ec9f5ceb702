using Bastion.Core.Policy;

namespace Bastion.Http.Transport;

/// <summary>
/// Caps the POST requests being served at once, for the server, each tenant and each principal
/// (<see cref="ConcurrencyLimits"/>); a long tool call holds its slot until its answer is written.
/// </summary>
internal sealed class InFlightLimiter(HttpServerOptions options)
{
    private readonly TenantCounters _counts = new(
        "requests in flight",
        "in_flight",
        (options.Limits.InFlight, "--max-in-flight"),
        (options.Limits.InFlightPerTenant, "--max-in-flight-per-tenant"),
        (options.Limits.InFlightPerPrincipal, "--max-in-flight-per-principal"),
        "wait for an answer (or cancel a request) before sending more, then retry.");

    /// <summary>Takes a slot for <paramref name="principal"/> until the returned lease is disposed; or says which cap refused it.</summary>
    public (IDisposable? Lease, CapRefusal? Refusal) TryEnter(Principal? principal) =>
        _counts.TryTake(principal) is { } refusal ? (null, refusal) : (new Lease(_counts, principal), null);

    private sealed class Lease(TenantCounters counts, Principal? principal) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                counts.Give(principal);
            }
        }
    }
}
