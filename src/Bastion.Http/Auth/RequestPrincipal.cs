using System.Security.Claims;
using Bastion.Core.Policy;
using Microsoft.AspNetCore.Http;

namespace Bastion.Http.Auth;

/// <summary>The Bastion principal of a request or message user; null without authentication (loopback only).</summary>
internal static class RequestPrincipal
{
    public static Principal? Get(HttpContext context) => Of(context.User);

    public static Principal? Of(ClaimsPrincipal? user) =>
        user?.Identities.OfType<PrincipalIdentity>().FirstOrDefault()?.Principal;
}
