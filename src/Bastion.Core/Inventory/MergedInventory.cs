using System.Collections.Immutable;

namespace Bastion.Core.Inventory;

/// <summary>
/// The inventory file's hosts followed by those of each configured <see cref="IHostSource"/>. Source lists are cached for
/// <see cref="Ttl"/> (60 s) and refreshed by <see cref="RefreshAsync"/>; a name the file already has is not taken from
/// a source (the file wins, so a platform VM can be given SSH access by adding it to the file under the same name).
/// With <paramref name="shared"/> (<c>serve --store</c>), a stale list is taken from the store when another instance of
/// the tenant listed the platform less than <see cref="Ttl"/> ago, and kept for the others when this instance lists it;
/// it then expires here when it does in the store. When the store cannot be used, this instance lists for itself.
/// </summary>
/// <param name="file">The inventory file.</param>
/// <param name="sources">The platforms' host sources.</param>
/// <param name="clock">The clock of the TTL.</param>
/// <param name="shared">The tenant's host lists in the shared store, or null without one.</param>
public sealed class MergedInventory(FileInventory file, IEnumerable<IHostSource> sources, TimeProvider clock, ISharedHostLists? shared = null) : IInventory, IDisposable
{
    private readonly IReadOnlyList<IHostSource> _sources = sources.ToList();
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private ImmutableDictionary<string, (long Stamp, IReadOnlyList<Host> Hosts, string? Error)> _cached =
        ImmutableDictionary<string, (long, IReadOnlyList<Host>, string?)>.Empty;

    // Backends invalidated on this instance since their last listing: listed again even when the store's list is fresh.
    private ImmutableHashSet<string> _invalidated = ImmutableHashSet<string>.Empty;

    /// <summary>How long a source's list is used before it is asked again.</summary>
    public static TimeSpan Ttl { get; } = TimeSpan.FromSeconds(60);

    /// <inheritdoc/>
    public IReadOnlyList<Host> Hosts
    {
        get
        {
            var own = file.Hosts;
            if (_cached.IsEmpty)
            {
                return own;
            }

            var names = new HashSet<string>(own.Select(h => h.Name), StringComparer.Ordinal);
            return [.. own, .. _sources.SelectMany(s => _cached.TryGetValue(s.Backend, out var c) ? c.Hosts : []).Where(h => names.Add(h.Name))];
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Notes =>
        [.. file.Notes, .. _sources.Select(s => _cached.TryGetValue(s.Backend, out var c) ? c.Error : null).OfType<string>()];

    /// <inheritdoc/>
    public Host Get(string name)
    {
        var hosts = Hosts;
        return hosts.FirstOrDefault(h => h.Name == name) ?? throw new UnknownHostException(name, hosts.Select(h => h.Name));
    }

    /// <inheritdoc/>
    public void Invalidate()
    {
        foreach (var backend in _cached.Keys)
        {
            ImmutableInterlocked.AddOrUpdate(ref _cached, backend, _ => default, (_, entry) => entry with { Stamp = Stale });
            ImmutableInterlocked.Update(ref _invalidated, set => set.Add(backend));
        }
    }

    // A timestamp whose elapsed time is far beyond the TTL.
    private const long Stale = 0;

    /// <inheritdoc/>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var stale = _sources.Where(s => s.IsConfigured && !Fresh(s)).ToList();
        if (stale.Count == 0)
        {
            return;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            await Task.WhenAll(stale.Where(s => !Fresh(s)).Select(s => RefreshOneAsync(s, cancellationToken)));
        }
        finally
        {
            _refresh.Release();
        }
    }

    private bool Fresh(IHostSource source) =>
        _cached.TryGetValue(source.Backend, out var cached) && clock.GetElapsedTime(cached.Stamp) < Ttl;

    private async Task RefreshOneAsync(IHostSource source, CancellationToken cancellationToken)
    {
        var previous = _cached.TryGetValue(source.Backend, out var cached) ? cached.Hosts : [];
        var forced = _invalidated.Contains(source.Backend);
        ImmutableInterlocked.Update(ref _invalidated, set => set.Remove(source.Backend));
        HostListing listing;
        try
        {
            listing = shared is not null && source.ShareListing
                ? await shared.GetOrListAsync(source.Backend, Ttl, forced, (stored, c) => ListAsync(source, stored ?? previous, c), cancellationToken)
                : await ListAsync(source, previous, cancellationToken);
        }
        catch (BastionException)
        {
            // The shared store cannot be used (the platform's own failures are a listing's note): list for this instance.
            listing = await ListAsync(source, previous, cancellationToken);
        }

        // Dated as old as the listing is, so it expires here when it expires in the store.
        var age = listing.Age > TimeSpan.Zero ? listing.Age : TimeSpan.Zero;
        (long, IReadOnlyList<Host>, string?) entry = (clock.GetTimestamp() - (long)(age.TotalSeconds * clock.TimestampFrequency), listing.Hosts, listing.Error);
        ImmutableInterlocked.AddOrUpdate(ref _cached, source.Backend, entry, (_, _) => entry);
    }

    private static async Task<HostListing> ListAsync(IHostSource source, IReadOnlyList<Host> previous, CancellationToken cancellationToken)
    {
        try
        {
            return new HostListing(await source.ListHostsAsync(cancellationToken), null, TimeSpan.Zero);
        }
        catch (BastionException e)
        {
            return new HostListing(previous, $"{source.Backend} hosts {(previous.Count > 0 ? "are from the last successful listing" : "are missing")}: {e.Message}", TimeSpan.Zero);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _refresh.Dispose();
}
