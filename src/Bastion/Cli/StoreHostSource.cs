using Bastion.Core.Inventory;
using Bastion.Mcp;
using Bastion.Store.Postgres;
using Bastion.Store.Postgres.Inventory;

namespace Bastion.Cli;

/// <summary>
/// A tenant's SSH hosts from the shared store (<c>bastion hosts add --store</c>), beside the data directory's inventory,
/// for <c>serve --http --store</c>. Listed through the merged inventory like a platform's hosts (cached for
/// <see cref="MergedInventory.Ttl"/>). Each listing also brings the tenant's host keys together: the keys ssh recorded
/// in the data directory's known_hosts go into the store, and the store's are written to that file, which ssh checks.
/// </summary>
internal sealed class StoreHostSource(PostgresStore store, BastionOptions options) : IHostSource
{
    public string Backend => "store";

    public bool IsConfigured => true;

    // Read from the store already, and each listing writes this instance's known_hosts file.
    public bool ShareListing => false;

    public async Task<IReadOnlyList<Host>> ListHostsAsync(CancellationToken cancellationToken)
    {
        var hosts = await new PostgresInventory(store).ListAsync(options.Tenant, cancellationToken);
        var knownHosts = new PostgresKnownHosts(store);
        var file = options.Paths.KnownHostsFile;
        if (File.Exists(file))
        {
            await knownHosts.AddAsync(options.Tenant, await File.ReadAllLinesAsync(file, cancellationToken), cancellationToken);
        }

        options.Paths.EnsureDataDirectory();
        await knownHosts.WriteFileAsync(options.Tenant, file, cancellationToken);
        return hosts;
    }
}
