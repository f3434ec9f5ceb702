using Bastion.Core.Configuration;

namespace Bastion.Core.Inventory;

/// <summary>
/// The inventory kept in the data directory's <c>inventory.yaml</c>, with the local host first. The file is read again
/// whenever it changed on disk, so hosts added by the CLI show up in a running server.
/// </summary>
/// <param name="paths">The data directory.</param>
/// <param name="includeLocal">Whether the machine Bastion runs on is in the inventory as <c>local</c>: always for the
/// local user; for an HTTP tenant only when the server shares its own host.</param>
public sealed class FileInventory(BastionPaths paths, bool includeLocal = true) : IInventory
{
    private readonly Lock _gate = new();
    private (DateTime Stamp, long Length, IReadOnlyList<Host> Hosts)? _cache;

    /// <summary>Where the inventory is kept.</summary>
    public string Path => paths.InventoryFile;

    /// <exception cref="BastionException">The file is invalid; the message says where.</exception>
    public IReadOnlyList<Host> Hosts
    {
        get
        {
            var info = new FileInfo(paths.InventoryFile);
            var stamp = info.Exists ? info.LastWriteTimeUtc : DateTime.MinValue;
            var length = info.Exists ? info.Length : -1;
            lock (_gate)
            {
                if (_cache is not { } cached || cached.Stamp != stamp || cached.Length != length)
                {
                    _cache = cached = (stamp, length, includeLocal ? [Host.Local, .. InventoryFile.Load(paths.InventoryFile)] : InventoryFile.Load(paths.InventoryFile));
                }

                return cached.Hosts;
            }
        }
    }

    /// <summary>Nothing to refresh: the file is read again whenever it changed.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Nothing to invalidate: the file is read again whenever it changed.</summary>
    public void Invalidate()
    {
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> Notes => [];

    public Host Get(string name)
    {
        var hosts = Hosts;
        return hosts.FirstOrDefault(h => h.Name == name) ?? throw new UnknownHostException(name, hosts.Select(h => h.Name));
    }

    /// <summary>Adds <paramref name="host"/>.</summary>
    /// <exception cref="BastionException">A host with that name exists already.</exception>
    public async Task AddAsync(Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        HostNames.Validate(host.Name);
        var hosts = Hosts;
        if (hosts.Any(h => h.Name == host.Name))
        {
            throw new BastionException($"A host named '{host.Name}' is already in the inventory ({paths.InventoryFile}). Remove it first or choose another name.");
        }

        paths.EnsureDataDirectory();
        await InventoryFile.SaveAsync(paths.InventoryFile, [.. hosts, host], cancellationToken);
    }

    /// <summary>Adds every host whose name is not taken yet; returns the names that were skipped because they were.</summary>
    public async Task<IReadOnlyList<string>> AddManyAsync(IEnumerable<Host> hosts, CancellationToken cancellationToken)
    {
        var current = Hosts.ToList();
        var skipped = new List<string>();
        foreach (var host in hosts)
        {
            if (current.Any(h => h.Name == host.Name))
            {
                skipped.Add(host.Name);
            }
            else
            {
                current.Add(host);
            }
        }

        paths.EnsureDataDirectory();
        await InventoryFile.SaveAsync(paths.InventoryFile, current, cancellationToken);
        return skipped;
    }

    /// <summary>Removes the host named <paramref name="name"/>.</summary>
    /// <exception cref="UnknownHostException">No such host.</exception>
    /// <exception cref="BastionException">It is the local host, which cannot be removed.</exception>
    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var host = Get(name);
        if (host.Kind == HostKind.Local)
        {
            throw new BastionException("The local host is always in the inventory and cannot be removed.");
        }

        await InventoryFile.SaveAsync(paths.InventoryFile, Hosts.Where(h => h.Name != name), cancellationToken);
    }
}
