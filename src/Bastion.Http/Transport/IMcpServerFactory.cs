using Bastion.Core.Policy;

namespace Bastion.Http.Transport;

/// <summary>Gives the endpoint, for a caller, the server options and services its sessions run with.</summary>
public interface IMcpServerFactory
{
    /// <summary>
    /// What sessions of <paramref name="principal"/> run with: for a tenant's principal, that tenant's tools and state;
    /// for null (no authentication, loopback only), the local user's.
    /// </summary>
    McpServerSetup For(Principal? principal);
}
