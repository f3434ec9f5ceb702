using System.ComponentModel;
using Bastion.Providers.Cloudways.Changes;
using Bastion.Providers.Cloudways.Operations;

namespace Bastion.Providers.Cloudways.Servers;

/// <summary>Result of cloudways_server_change: power for stop and restart, change for the other actions; the other is null.</summary>
internal sealed record ServerChangeResult(
    [property: Description("The action run.")] ServerAction Action,
    [property: Description("stop, restart: the operation and the server's state afterwards.")] PowerResult? Power,
    [property: Description("Other actions: what Cloudways did.")] ChangeResult? Change);
