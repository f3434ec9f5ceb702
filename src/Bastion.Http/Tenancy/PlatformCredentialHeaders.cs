using Bastion.Core.Configuration;
using Bastion.Core.Secrets;
using Bastion.Core.Secrets.Vault;
using Microsoft.AspNetCore.Http;

namespace Bastion.Http.Tenancy;

/// <summary>
/// Platform credentials a tenant sends as request headers, one set per platform, declared beside each adapter's vault
/// names (<c>&lt;Platform&gt;Vault.Headers</c>; the list in docs/http.md): every header of a set is removed from the
/// request so nothing later can log it, the set maps the values to the vault names its adapter reads, and those go
/// encrypted into the caller's tenant vault (its <c>vault.json</c>, or the shared store's vault; written only when they changed). Secrets among them are taught to the
/// redactor; settings (URLs, regions, user names) are not, so they are not blanked out of answers. Bastion's own bearer
/// token is never among them and never reaches a platform.
/// </summary>
/// <param name="redactor">The process's redactor.</param>
/// <param name="sets">The platforms' header sets.</param>
/// <param name="store">The shared store's vault (<c>serve --store</c>), written instead of the tenant's <c>vault.json</c>; null: the file.</param>
internal sealed class PlatformCredentialHeaders(Redactor redactor, IReadOnlyList<CredentialHeaderSet> sets, ICredentialStore? store = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Takes the known headers off <paramref name="request"/> and stores what they carry in the vault of
    /// <paramref name="paths"/> under <paramref name="tenant"/>. Nothing is stored unless every set present is whole.
    /// </summary>
    /// <returns>True when the vault was written (a value changed, was added or removed).</returns>
    /// <exception cref="Core.BastionException">A set's headers are incomplete or malformed; the message says what is accepted.</exception>
    public async Task<bool> StoreAsync(HttpRequest request, BastionPaths paths, string tenant, CancellationToken cancellationToken)
    {
        var writes = new List<VaultWrite>();
        foreach (var set in sets)
        {
            var present = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in set.Headers.Keys.Where(request.Headers.ContainsKey))
            {
                var value = request.Headers[header].ToString().Trim();
                request.Headers.Remove(header);
                if (value.Length > 0)
                {
                    present[header] = value;
                }
            }

            if (present.Count > 0)
            {
                writes.AddRange(set.Map(present));
            }
        }

        if (writes.Count == 0)
        {
            return false;
        }

        foreach (var write in writes.Where(w => w.IsSecret && w.Value is not null))
        {
            redactor.AddKnownSecret(write.Value!);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var file = store is null ? CredentialVault.Open(paths) : null;
            var vault = store ?? file!;
            var changed = false;
            foreach (var write in writes)
            {
                if (write.Value is null)
                {
                    changed |= await vault.RemoveAsync(tenant, write.Name, cancellationToken);
                }
                else if (await vault.GetAsync(tenant, write.Name, cancellationToken) != write.Value)
                {
                    await vault.SetAsync(tenant, write.Name, write.Value, cancellationToken);
                    changed = true;
                }
            }

            return changed;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
