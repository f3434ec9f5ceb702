using System.Text.Json;
using Bastion.Core;
using Bastion.Core.Inventory;
using Bastion.Providers.Cloudways.Account;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Servers;

namespace Bastion.Providers.Cloudways.Hosts;

/// <summary>
/// Cloudways servers as Bastion hosts (kind platform, address = public IP, or Cloudways' host name while there is no
/// IP), labelled <c>backend=cloudways</c>, <c>provider</c>, <c>region</c>, <c>size</c>, <c>status</c>, <c>id</c>, and
/// <c>project</c> when all the server's apps belong to one project. Terminated servers are left out.
/// </summary>
internal sealed class CloudwaysHostSource(CloudwaysServers servers, CloudwaysProjects projects, CloudwaysClient client) : IHostSource
{
    /// <summary>The backend label of Cloudways hosts.</summary>
    public const string BackendName = "cloudways";

    /// <inheritdoc/>
    public string Backend => BackendName;

    /// <inheritdoc/>
    public bool IsConfigured
    {
        get
        {
            try
            {
                return client.IsConfigured;
            }
            catch (BastionException)
            {
                return true; // the vault cannot be read: let the listing fail and say why in the inventory's notes
            }
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Host>> ListHostsAsync(CancellationToken cancellationToken)
    {
        var list = await servers.ListAsync(cancellationToken);
        var projectNames = await ProjectNamesAsync(cancellationToken);
        var hosts = new List<Host>();
        foreach (var (server, name) in list)
        {
            var address = server.Text("public_ip") ?? server.Text("server_fqdn");
            if (address is null)
            {
                continue; // still being created: nothing to reach yet
            }

            hosts.Add(new Host(name, HostKind.Platform, address, null, server.Text("master_user"), null, null, [], Labels(server, projectNames)));
        }

        return hosts;
    }

    private static Dictionary<string, string> Labels(JsonElement server, IReadOnlyDictionary<long, string> projectNames)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["backend"] = BackendName };
        void Add(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                labels[label] = value;
            }
        }

        Add("provider", server.Text("cloud"));
        Add("region", server.Text("region"));
        Add("size", server.Text("instance_type"));
        Add("status", server.Text("status"));
        Add("id", server.Text("id"));
        var projectIds = LenientJson.Values(server.Field("apps")).Select(a => a.Long("project_id")).Distinct().ToList();
        if (projectIds is [{ } only] && projectNames.TryGetValue(only, out var project))
        {
            Add("project", project);
        }

        return labels;
    }

    private async Task<IReadOnlyDictionary<long, string>> ProjectNamesAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await projects.ListAsync(cancellationToken)).Where(p => p.Name is not null).GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First().Name!);
        }
        catch (PlatformException)
        {
            return new Dictionary<long, string>(); // projects are a nicety: hosts come without the project label
        }
    }
}
