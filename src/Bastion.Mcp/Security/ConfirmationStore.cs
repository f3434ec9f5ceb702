using System.Collections.Concurrent;
using System.Security.Cryptography;
using Bastion.Core;
using Bastion.Core.Policy;

namespace Bastion.Mcp.Security;

/// <summary>
/// Confirmation handles for clients that cannot be asked through elicitation: random (128 bits), bound to the principal,
/// the tool and the hash of the arguments, good for one use, and only for a few minutes.
/// </summary>
public sealed class ConfirmationStore(BastionOptions options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, PendingConfirmation> _pending = new(StringComparer.Ordinal);

    /// <summary>Issues a handle for the plan; returns it with its expiry.</summary>
    public (string Handle, DateTimeOffset Expires) Issue(Principal principal, string tool, string argumentsHash)
    {
        Sweep();
        var handle = "cfm_" + Base64Url(RandomNumberGenerator.GetBytes(16));
        var expires = clock.GetUtcNow() + options.ConfirmationLifetime;
        _pending[handle] = new PendingConfirmation(principal, tool, argumentsHash, expires);
        return (handle, expires);
    }

    /// <summary>Takes the handle (it cannot be used again) and checks that it confirms exactly this call.</summary>
    /// <exception cref="BastionException">Unknown, used, expired, another principal's, another tool's, or other arguments.</exception>
    public void Redeem(string handle, Principal principal, string tool, string argumentsHash)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!_pending.TryRemove(handle, out var pending))
        {
            throw new BastionException("The confirmation handle is unknown or was already used. Call the tool again without confirm to get a new plan.");
        }

        var problem =
            pending.Expires <= clock.GetUtcNow() ? "it expired" :
            pending.Principal.Name != principal.Name || pending.Principal.Tenant != principal.Tenant ? "it was issued to another principal" :
            pending.Tool != tool ? $"it was issued for '{pending.Tool}'" :
            pending.ArgumentsHash != argumentsHash ? "the arguments differ from the plan it confirms" :
            null;
        if (problem is not null)
        {
            throw new BastionException($"The confirmation handle does not confirm this call: {problem}. Nothing ran; call the tool again without confirm to get a new plan.");
        }
    }

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (handle, pending) in _pending)
        {
            if (pending.Expires <= now)
            {
                _pending.TryRemove(handle, out _);
            }
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
