using System.Collections.Concurrent;
using Bastion.Core;
using Bastion.Core.Secrets.Vault;

namespace Bastion.Http.Tests.Tenancy;

/// <summary>
/// A shared store's vault in memory that counts its listings, can hold them until <see cref="Release"/> (a slow
/// database) and can fail like an unreachable one; values are kept in clear, which is all a reader of the interface sees.
/// </summary>
internal sealed class GatedCredentialStore : ICredentialStore
{
    private readonly ConcurrentDictionary<(string Tenant, string Name), string> _values = new();
    private TaskCompletionSource _gate = Open();
    private int _listings;

    public string Location => "memory";

    /// <summary>How many times the values were listed (one per read of a tenant's copy).</summary>
    public int Listings => Volatile.Read(ref _listings);

    /// <summary>When true, every call fails as an unreachable database's does.</summary>
    public bool Down { get; set; }

    /// <summary>Makes the next listings wait until <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the held listings go on.</summary>
    public void Release() => _gate.TrySetResult();

    /// <summary>Writes behind every reader's back, as another instance would.</summary>
    public void Put(string tenant, string name, string value) => _values[(tenant, name)] = value;

    public Task SetAsync(string tenant, string name, string value, CancellationToken cancellationToken)
    {
        ThrowWhenDown();
        Put(tenant, name, value);
        return Task.CompletedTask;
    }

    public Task<string?> GetAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        ThrowWhenDown();
        return Task.FromResult(_values.GetValueOrDefault((tenant, name)));
    }

    public async Task<IReadOnlyList<VaultItem>> ListAsync(string? tenant, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listings);
        await _gate.Task;
        ThrowWhenDown();
        return [.. _values.Keys.Where(k => tenant is null || k.Tenant == tenant).Select(k => new VaultItem(k.Tenant, k.Name, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch))];
    }

    public Task<bool> RemoveAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        ThrowWhenDown();
        return Task.FromResult(_values.TryRemove((tenant, name), out _));
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private void ThrowWhenDown()
    {
        if (Down)
        {
            throw new BastionException("The shared store cannot be reached (connection refused).");
        }
    }
}
