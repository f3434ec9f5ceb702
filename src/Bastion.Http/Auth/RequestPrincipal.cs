using Bastion.Core.Policy;
using Microsoft.AspNetCore.Http;

namespace Bastion.Http.Auth;

/// <summary>The principal an HTTP request was authenticated as, kept in the request's items; null without authentication.</summary>
internal static class RequestPrincipal
{
    private static readonly object Key = new();

    public static Principal? Get(HttpContext context) => context.Items.TryGetValue(Key, out var value) ? value as Principal : null;

    public static void Set(HttpContext context, Principal principal) => context.Items[Key] = principal;
}
