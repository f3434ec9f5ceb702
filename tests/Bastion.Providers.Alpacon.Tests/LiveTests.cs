using Bastion.Core.Configuration;
using Bastion.Core.Inventory;
using Bastion.Core.Secrets.Vault;
using Bastion.Mcp;
using Bastion.Providers.Alpacon.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>
/// Opt-in, read-only checks against a real workspace (<c>https://{workspace}.{region}.alpacon.io</c>): the token is
/// accepted, servers list and page, and they become hosts. Nothing is written, no command is run.
/// </summary>
public sealed class LiveTests
{
    [LiveFact]
    public async Task RealWorkspace_ListsServers_AsHosts_ReadOnly()
    {
        var live = LiveWorkspace.FromEnvironment()!;
        var paths = new BastionPaths(Directory.CreateTempSubdirectory("bastion-alpacon-live-").FullName);
        try
        {
            using (var vault = CredentialVault.Open(paths))
            {
                await vault.SetAsync(CredentialVault.DefaultTenant, "alpacon/workspaces", live.Workspace, CancellationToken.None);
                await vault.SetAsync(CredentialVault.DefaultTenant, $"alpacon/{live.Workspace}/token", live.Token, CancellationToken.None);
                await vault.SetAsync(CredentialVault.DefaultTenant, $"alpacon/{live.Workspace}/region", live.Region, CancellationToken.None);
            }

            await using var services = new ServiceCollection().AddBastion(new BastionOptions { Paths = paths, LocalHost = false }).AddAlpacon().BuildServiceProvider();
            var client = services.GetRequiredService<AlpaconClients>().For(live.Workspace);
            var servers = await client.ListAsync("api/servers/servers/", null, 5, CancellationToken.None);
            servers.Total.ShouldBeGreaterThanOrEqualTo(servers.Items.Count);
            var inventory = services.GetRequiredService<IInventory>();
            await inventory.RefreshAsync(CancellationToken.None);
            inventory.Notes.ShouldBeEmpty();
            inventory.Hosts.Count(h => h.Labels.GetValueOrDefault("backend") == "alpacon").ShouldBe(servers.Total > 1000 ? 1000 : servers.Total);
        }
        finally
        {
            Directory.Delete(paths.DataDirectory, recursive: true);
        }
    }
}
