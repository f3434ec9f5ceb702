using Bastion.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace Bastion.Core.Inventory;

/// <summary>
/// The inventory kept in the data directory's <c>inventory.yaml</c>, with the local host first. The file is read again
/// whenever it changed on disk, so hosts added by the CLI show up in a running server.
/// </summary>
/// <param name="paths">The data directory.</param>
/// <param name="includeLocal">Whether the machine Bastion runs on is in the inventory as <c>local</c>: always for the
/// local user; for an HTTP tenant only when the server shares its own host.</param>
/// <param name="logger">Where a warning naming each invalid entry goes each time the file is read; none when null.</param>
public sealed partial class FileInventory(BastionPaths paths, bool includeLocal = true, ILogger? logger = null) : IInventory
{
    private readonly Lock _gate = new();
    private (DateTime Stamp, long Length, IReadOnlyList<Host> Hosts, IReadOnlyList<InvalidHostEntry> Invalid)? _cache;

    /// <summary>Where the inventory is kept.</summary>
    public string Path => paths.InventoryFile;

    /// <summary>The local host (when included) and the file's valid entries; an invalid entry is left out (see <see cref="Invalid"/>).</summary>
    /// <exception cref="BastionException">The file is not valid YAML or not shaped as an inventory; the message says where.</exception>
    public IReadOnlyList<Host> Hosts => Current().Hosts;

    /// <summary>The file's entries that break <see cref="HostValidator"/>'s rule and are left out, each with why.</summary>
    /// <exception cref="BastionException">The file is not valid YAML or not shaped as an inventory.</exception>
    public IReadOnlyList<InvalidHostEntry> Invalid => Current().Invalid;

    private (DateTime Stamp, long Length, IReadOnlyList<Host> Hosts, IReadOnlyList<InvalidHostEntry> Invalid) Current()
    {
        var info = new FileInfo(paths.InventoryFile);
        var stamp = info.Exists ? info.LastWriteTimeUtc : DateTime.MinValue;
        var length = info.Exists ? info.Length : -1;
        lock (_gate)
        {
            if (_cache is not { } cached || cached.Stamp != stamp || cached.Length != length)
            {
                var contents = InventoryFile.Read(paths.InventoryFile);
                foreach (var entry in contents.Invalid)
                {
                    if (logger is not null)
                    {
                        LogInvalidEntry(logger, entry.Describe(paths.InventoryFile));
                    }
                }

                _cache = cached = (stamp, length, includeLocal ? [Host.Local, .. contents.Hosts] : contents.Hosts, contents.Invalid);
            }

            return cached;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entry}")]
    private static partial void LogInvalidEntry(ILogger logger, string entry);

    /// <summary>Nothing to refresh: the file is read again whenever it changed.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Nothing to invalidate: the file is read again whenever it changed.</summary>
    public void Invalidate()
    {
    }

    /// <summary>One sentence per inventory entry that is skipped because it is invalid.</summary>
    public IReadOnlyList<string> Notes => Invalid.Select(e => e.Describe(paths.InventoryFile)).ToList();

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
        HostValidator.Validate(host, paths.InventoryFile);
        var hosts = Hosts;
        if (hosts.Any(h => h.Name == host.Name))
        {
            throw new BastionException($"A host named '{host.Name}' is already in the inventory ({paths.InventoryFile}). Remove it first or choose another name.");
        }

        paths.EnsureDataDirectory();
        await InventoryFile.SaveAsync(paths.InventoryFile, [.. hosts, host], Invalid, cancellationToken);
    }

    /// <summary>Adds every host whose name is not taken yet; returns the names that were skipped because they were.</summary>
    /// <exception cref="BastionException">A host breaks <see cref="HostValidator"/>'s rule; nothing is added.</exception>
    public async Task<IReadOnlyList<string>> AddManyAsync(IEnumerable<Host> hosts, CancellationToken cancellationToken)
    {
        hosts = hosts.Select(h => HostValidator.Validate(h, paths.InventoryFile)).ToList();
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
        await InventoryFile.SaveAsync(paths.InventoryFile, current, Invalid, cancellationToken);
        return skipped;
    }

    /// <summary>Removes the host named <paramref name="name"/>, or the invalid entries that give that name.</summary>
    /// <exception cref="UnknownHostException">No such host.</exception>
    /// <exception cref="BastionException">It is the local host, which cannot be removed.</exception>
    public async Task RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var invalid = Invalid;
        if (invalid.Any(e => e.Name == name) && Hosts.All(h => h.Name != name))
        {
            await InventoryFile.SaveAsync(paths.InventoryFile, Hosts, [.. invalid.Where(e => e.Name != name)], cancellationToken);
            return;
        }

        var host = Get(name);
        if (host.Kind == HostKind.Local)
        {
            throw new BastionException("The local host is always in the inventory and cannot be removed.");
        }

        await InventoryFile.SaveAsync(paths.InventoryFile, Hosts.Where(h => h.Name != name), invalid, cancellationToken);
    }
}
