using Bastion.Core.Configuration;
using Bastion.Core.Secrets;
using Bastion.Core.Secrets.Vault;
using Microsoft.AspNetCore.Http;

namespace Bastion.Http.Tenancy;

/// <summary>
/// Platform credentials a client sends as request headers (Cloudways style: <c>x-cloudways-email</c>,
/// <c>x-cloudways-api-key</c>; likewise <c>x-cloudstack-api-key</c>/<c>-secret-key</c>, <c>x-alpacon-token</c>,
/// <c>x-webops-token</c>): each value goes encrypted into the caller's tenant vault as <c>&lt;platform&gt;/&lt;field&gt;</c>
/// (written only when it changed), the redactor learns it, and the header is removed from the request so nothing later
/// can log it. Bastion's own bearer token is never among them and never reaches a platform.
/// </summary>
internal sealed class PlatformCredentialHeaders(Redactor redactor) : IDisposable
{
    /// <summary>The headers taken, and the vault name each value is kept under.</summary>
    public static IReadOnlyDictionary<string, string> Known { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["x-cloudways-email"] = "cloudways/email",
        ["x-cloudways-api-key"] = "cloudways/api-key",
        ["x-cloudways-access-token"] = "cloudways/access-token",
        ["x-cloudstack-api-key"] = "cloudstack/api-key",
        ["x-cloudstack-secret-key"] = "cloudstack/secret-key",
        ["x-alpacon-token"] = "alpacon/token",
        ["x-webops-token"] = "webops/token",
    };

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Moves the known headers of <paramref name="request"/> into the vault of <paramref name="paths"/> under <paramref name="tenant"/>.</summary>
    public async Task StoreAsync(HttpRequest request, BastionPaths paths, string tenant, CancellationToken cancellationToken)
    {
        var found = Known.Where(k => request.Headers.ContainsKey(k.Key)).ToList();
        if (found.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var vault = CredentialVault.Open(paths);
            foreach (var (header, name) in found)
            {
                var value = request.Headers[header].ToString().Trim();
                request.Headers.Remove(header);
                if (value.Length == 0)
                {
                    continue;
                }

                redactor.AddKnownSecret(value);
                if (vault.Get(tenant, name) != value)
                {
                    await vault.SetAsync(tenant, name, value, cancellationToken);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
