using System.Security.Claims;
using Bastion.Core.Policy;

namespace Bastion.Http.Auth;

/// <summary>
/// The ASP.NET Core identity of an authenticated request: it carries Bastion's <see cref="Principal"/> and, as
/// <see cref="ClaimTypes.NameIdentifier"/>, <c>&lt;tenant&gt;/&lt;name&gt;</c>, the value the SDK binds a session to
/// (a session is used only by the principal that opened it).
/// </summary>
internal sealed class PrincipalIdentity : ClaimsIdentity
{
    public PrincipalIdentity(Principal principal, string scheme)
        : base([new Claim(ClaimTypes.NameIdentifier, $"{principal.Tenant}/{principal.Name}"), new Claim(ClaimTypes.Name, principal.Name)], scheme)
    {
        Principal = principal;
    }

    /// <summary>The Bastion principal: name, tenant, scopes, mode.</summary>
    public Principal Principal { get; }
}
