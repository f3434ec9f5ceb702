using Bastion.Core.Inventory;
using Bastion.Providers.Alpacon.Api;

namespace Bastion.Providers.Alpacon.Hosts;

/// <summary>An Alpacon server named by its Bastion host: the host, its workspace's client and its server id.</summary>
internal sealed record AlpaconTarget(Host Host, AlpaconClient Client, string ServerId)
{
    /// <summary>The workspace's name.</summary>
    public string Workspace => Client.Workspace.Name;
}
